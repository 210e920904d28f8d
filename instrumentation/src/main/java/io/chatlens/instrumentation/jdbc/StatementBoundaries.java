package io.chatlens.instrumentation.jdbc;

/**
 * Follows parenthesis nesting and procedural blocks to tell where one statement ends and the next
 * begins.
 *
 * <p>A {@code ;} ends a statement only outside parentheses and outside {@code BEGIN ... END} and
 * {@code CASE ... END} blocks, so an Oracle anonymous block or a stored procedure body counts as one
 * statement. {@code BEGIN} followed by {@code ;}, {@code TRANSACTION}, {@code WORK} and the like
 * starts a transaction, not a block. {@code END IF}, {@code END LOOP}, {@code END WHILE}, {@code END
 * REPEAT} and {@code END FOR} close constructs that were never counted and are ignored.
 */
final class StatementBoundaries {

  /** What a token means for the statement structure. */
  enum Event {
    /** The token belongs to the current statement. */
    INSIDE,
    /** The token is the first of a new statement. */
    FIRST_TOKEN,
    /** The token is a {@code ;} that ends the current statement. */
    SEPARATOR
  }

  private static final String[] TRANSACTION_WORDS = {
    "TRANSACTION", "TRAN", "WORK", "ISOLATION", "READ", "DEFERRED", "IMMEDIATE", "EXCLUSIVE",
    "DISTRIBUTED",
  };
  private static final String[] UNCOUNTED_BLOCK_ENDS = {"IF", "LOOP", "WHILE", "REPEAT", "FOR"};

  private int depth;
  private int level;
  private int blockDepth;
  private boolean pendingBegin;
  private boolean pendingEnd;
  private boolean open;
  private int statements;

  /** Classifies the current token of {@code token}; call once per token, in order. */
  Event observe(SqlLexer token) {
    boolean endClosedCase = resolvePending(token);
    level = depth;
    if (token.type() == SqlTokenType.PUNCTUATION) {
      if (token.isPunctuation('(')) {
        depth++;
      } else if (token.isPunctuation(')')) {
        depth = Math.max(0, depth - 1);
        level = depth;
      } else if (token.isPunctuation(';') && depth == 0 && blockDepth == 0) {
        open = false;
        return Event.SEPARATOR;
      }
    } else if (token.type() == SqlTokenType.WORD) {
      if (token.isWord("BEGIN")) {
        pendingBegin = true;
      } else if (token.isWord("END")) {
        pendingEnd = true;
      } else if (token.isWord("CASE") && !endClosedCase) {
        blockDepth++;
      }
    }
    if (open) {
      return Event.INSIDE;
    }
    open = true;
    statements++;
    return Event.FIRST_TOKEN;
  }

  /** Parenthesis nesting level of the current token; parentheses count at their outer level. */
  int level() {
    return level;
  }

  /** Number of statements started so far. */
  int statements() {
    return statements;
  }

  /** Settles a preceding BEGIN or END now that the following token is known. */
  private boolean resolvePending(SqlLexer token) {
    if (pendingBegin) {
      pendingBegin = false;
      if (!token.isPunctuation(';') && !token.isAnyWord(TRANSACTION_WORDS)) {
        blockDepth++;
      }
    }
    if (pendingEnd) {
      pendingEnd = false;
      if (!token.isAnyWord(UNCOUNTED_BLOCK_ENDS) && blockDepth > 0) {
        blockDepth--;
      }
      return token.isWord("CASE");
    }
    return false;
  }
}
