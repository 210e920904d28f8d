package io.chatlens.instrumentation.jdbc;

/**
 * Derives {@code db.operation.name} and {@code db.collection.name} from the tokens of the first
 * statement.
 *
 * <p>The operation is the first word of the statement when it is a known statement keyword
 * ({@code EXEC} is reported as {@code EXECUTE}, {@code DESC} as {@code DESCRIBE}); leading JDBC
 * escape syntax ({@code {call ...}}, {@code {? = call ...}}) and opening parentheses are skipped. For
 * {@code WITH}, the operation is the first {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code
 * DELETE} or {@code MERGE} outside the common table expressions, or {@code WITH} when there is none.
 *
 * <p>The collection is the single table the statement targets, with its schema qualification kept
 * and identifier quotes removed; it is {@code null} whenever more than one table is involved:
 *
 * <ul>
 *   <li>{@code SELECT}: the table after {@code FROM}, only when the whole statement has exactly one
 *       {@code SELECT} (no subquery, CTE or set operation), no join and no second table;
 *   <li>{@code INSERT}/{@code REPLACE}/{@code UPSERT} {@code INTO t}, {@code MERGE INTO t}: the
 *       target, whatever the source;
 *   <li>{@code UPDATE t}: unless joined or followed by {@code FROM} (multi-table update);
 *   <li>{@code DELETE [FROM] t}: unless joined or followed by {@code USING} or a second {@code FROM};
 *   <li>{@code CREATE}/{@code ALTER}/{@code DROP TABLE [IF [NOT] EXISTS] t}, {@code TRUNCATE [TABLE]
 *       t}: the table, unless several are listed;
 *   <li>{@code CALL p}, {@code EXECUTE p}: the procedure name.
 * </ul>
 *
 * When the text holds more than one statement, both are {@code null}.
 */
final class StatementDescriber {

  private enum Phase {
    OPERATION, WITH_PREAMBLE, SELECT_LIST, DDL_OBJECT, TARGET, NAME, NAME_PART, AFTER_NAME,
    SET_CLAUSE, DONE
  }

  private static final String[] OPERATIONS = {
    "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "CALL", "EXECUTE",
    "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME", "COMMENT", "GRANT", "REVOKE", "WITH", "VALUES",
    "SHOW", "SET", "USE", "DESCRIBE", "EXPLAIN", "ANALYZE", "VACUUM", "COPY", "LOCK", "UNLOCK",
    "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "DECLARE", "PREPARE",
    "DEALLOCATE", "FETCH", "CLOSE", "OPEN", "DO", "LOAD", "REFRESH", "REINDEX", "CLUSTER", "LISTEN",
    "NOTIFY", "UNLISTEN", "CHECKPOINT", "DISCARD", "RESET", "PRAGMA", "ATTACH", "DETACH",
    "OPTIMIZE", "HANDLER", "KILL", "FLUSH", "PURGE", "SCRIPT", "RUNSCRIPT", "BACKUP", "RESTORE",
    "SHUTDOWN",
  };
  private static final String[] WITH_MAIN_STATEMENTS = {"SELECT", "INSERT", "UPDATE", "DELETE", "MERGE"};

  private static final String[] NO_WORDS = {};
  private static final String[] SELECT_FROM_PREFIXES = {"ONLY"};
  private static final String[] INSERT_PREFIXES = {
    "INTO", "IGNORE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "OVERWRITE", "TABLE", "OR",
    "REPLACE", "ROLLBACK", "ABORT", "FAIL", "TOP",
  };
  private static final String[] UPDATE_PREFIXES = {
    "LOW_PRIORITY", "IGNORE", "ONLY", "OR", "REPLACE", "ROLLBACK", "ABORT", "FAIL", "TOP",
  };
  private static final String[] DELETE_PREFIXES = {"LOW_PRIORITY", "QUICK", "IGNORE", "FROM", "ONLY", "TOP"};
  private static final String[] MERGE_PREFIXES = {"INTO", "TOP"};
  private static final String[] TRUNCATE_PREFIXES = {"TABLE", "ONLY"};
  private static final String[] EXECUTE_PREFIXES = {"IMMEDIATE", "PROCEDURE"};
  private static final String[] CREATE_TABLE_PREFIXES = {"IF", "NOT", "EXISTS"};
  private static final String[] ALTER_TABLE_PREFIXES = {"IF", "EXISTS", "ONLY"};
  private static final String[] DROP_TABLE_PREFIXES = {"IF", "EXISTS"};
  private static final String[] DDL_MODIFIERS = {
    "OR", "REPLACE", "GLOBAL", "LOCAL", "TEMPORARY", "TEMP", "UNLOGGED", "CACHED", "MEMORY", "TEXT",
    "VOLATILE", "TRANSIENT", "EXTERNAL", "FOREIGN",
  };
  private static final String[] MULTI_TABLE_INSERT = {"ALL", "FIRST"};
  private static final String[] JOINS = {"JOIN", "STRAIGHT_JOIN", "APPLY", "NATURAL", "CROSS"};
  private static final String[] SELECT_CLAUSES = {
    "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "FETCH", "FOR", "WINDOW", "QUALIFY",
    "CONNECT", "START", "UNION", "INTERSECT", "EXCEPT", "MINUS", "INTO",
  };
  private static final String[] UPDATE_CLAUSES = {"WHERE", "RETURNING", "OUTPUT", "ORDER", "LIMIT"};
  private static final String[] DELETE_CLAUSES = {"WHERE", "RETURNING", "OUTPUT", "ORDER", "LIMIT", "OPTION"};

  private static final int MAX_NAME_PARTS = 4;
  private static final int MAX_COLLECTION_LENGTH = 512;

  private final String sql;
  private Phase phase = Phase.OPERATION;
  private String operation;
  private int operationLevel;
  private String[] targetPrefixes = NO_WORDS;
  private boolean topSeen;
  private int selectWords;
  private boolean invalid;
  private boolean multipleStatements;
  private int[] nameParts;
  private int namePartCount;

  StatementDescriber(String sql) {
    this.sql = sql;
  }

  /** Feeds the current token of {@code token}, at parenthesis level {@code level}. */
  void accept(SqlLexer token, int level) {
    if (multipleStatements) {
      return;
    }
    if (token.isWord("SELECT")) {
      selectWords++;
    }
    switch (phase) {
      case OPERATION -> findOperation(token, level);
      case WITH_PREAMBLE -> findMainStatement(token, level);
      case SELECT_LIST -> selectList(token, level);
      case DDL_OBJECT -> ddlObject(token);
      case TARGET -> target(token);
      case NAME -> afterNamePart(token, level);
      case NAME_PART -> namePart(token);
      case AFTER_NAME -> afterName(token, level, false);
      case SET_CLAUSE -> setClause(token, level);
      case DONE -> { }
    }
  }

  /** Records that a second statement started: the text no longer has one operation or collection. */
  void multipleStatements() {
    multipleStatements = true;
  }

  /** The operation of the statement, upper case, or {@code null}. */
  String operation() {
    return multipleStatements ? null : operation;
  }

  /** The table or procedure the statement targets, or {@code null}. */
  String collection() {
    if (multipleStatements || invalid || namePartCount == 0 || phase == Phase.NAME_PART) {
      return null;
    }
    if ("SELECT".equals(operation) && selectWords != 1) {
      return null;
    }
    int length = namePartCount - 1;
    for (int i = 0; i < namePartCount; i++) {
      length += nameParts[2 * i + 1] - nameParts[2 * i];
    }
    if (length > MAX_COLLECTION_LENGTH) {
      return null;
    }
    StringBuilder name = new StringBuilder(length);
    for (int i = 0; i < namePartCount; i++) {
      if (i > 0) {
        name.append('.');
      }
      appendUnquoted(name, nameParts[2 * i], nameParts[2 * i + 1]);
    }
    return name.toString();
  }

  private void findOperation(SqlLexer token, int level) {
    if (token.type() == SqlTokenType.WORD) {
      operation = operationName(token);
      operationLevel = level;
      if (operation == null) {
        phase = Phase.DONE;
      } else if ("WITH".equals(operation)) {
        phase = Phase.WITH_PREAMBLE;
      } else {
        begin();
      }
    } else if (!(token.type() == SqlTokenType.PARAMETER || token.isPunctuation('{')
        || token.isPunctuation('(') || token.isPunctuation('='))) {
      phase = Phase.DONE;
    }
  }

  private static String operationName(SqlLexer token) {
    if (token.isWord("EXEC")) {
      return "EXECUTE";
    }
    if (token.isWord("DESC")) {
      return "DESCRIBE";
    }
    int index = SqlWords.indexOf(token.sql(), token.start(), token.end(), OPERATIONS);
    return index < 0 ? null : OPERATIONS[index];
  }

  private void findMainStatement(SqlLexer token, int level) {
    if (level == operationLevel && token.isAnyWord(WITH_MAIN_STATEMENTS)) {
      operation = operationName(token);
      begin();
    }
  }

  private void begin() {
    switch (operation) {
      case "SELECT" -> phase = Phase.SELECT_LIST;
      case "INSERT", "REPLACE", "UPSERT" -> expectTarget(INSERT_PREFIXES);
      case "UPDATE" -> expectTarget(UPDATE_PREFIXES);
      case "DELETE" -> expectTarget(DELETE_PREFIXES);
      case "MERGE" -> expectTarget(MERGE_PREFIXES);
      case "TRUNCATE" -> expectTarget(TRUNCATE_PREFIXES);
      case "CALL", "EXECUTE" -> expectTarget(EXECUTE_PREFIXES);
      case "CREATE", "ALTER", "DROP" -> phase = Phase.DDL_OBJECT;
      default -> phase = Phase.DONE;
    }
  }

  private void expectTarget(String[] prefixes) {
    targetPrefixes = prefixes;
    phase = Phase.TARGET;
  }

  private void selectList(SqlLexer token, int level) {
    if (level != operationLevel) {
      return;
    }
    if (token.isWord("FROM")) {
      expectTarget(SELECT_FROM_PREFIXES);
    } else if (token.isWord("INTO")) {
      giveUp();
    }
  }

  private void ddlObject(SqlLexer token) {
    if (token.isAnyWord(DDL_MODIFIERS)) {
      return;
    }
    if (!token.isWord("TABLE")) {
      phase = Phase.DONE;
    } else if ("CREATE".equals(operation)) {
      expectTarget(CREATE_TABLE_PREFIXES);
    } else if ("ALTER".equals(operation)) {
      expectTarget(ALTER_TABLE_PREFIXES);
    } else {
      expectTarget(DROP_TABLE_PREFIXES);
    }
  }

  private void target(SqlLexer token) {
    if (token.type() == SqlTokenType.WORD) {
      if (token.isAnyWord(targetPrefixes)) {
        topSeen |= token.isWord("TOP");
        return;
      }
      if (topSeen && token.isWord("PERCENT")) {
        return;
      }
      if ("INSERT".equals(operation) && token.isAnyWord(MULTI_TABLE_INSERT)) {
        giveUp();
        return;
      }
    }
    if (token.isName()) {
      addNamePart(token);
      phase = Phase.NAME;
    } else if (topSeen && token.type() != SqlTokenType.STRING) {
      return; // TOP (10)
    } else if ("EXECUTE".equals(operation)
        && (token.type() == SqlTokenType.PARAMETER || token.isPunctuation('='))) {
      return; // EXEC @rc = procedure
    } else {
      phase = Phase.DONE;
    }
  }

  private void afterNamePart(SqlLexer token, int level) {
    if (token.isPunctuation('.')) {
      phase = Phase.NAME_PART;
    } else {
      phase = Phase.AFTER_NAME;
      afterName(token, level, true);
    }
  }

  private void namePart(SqlLexer token) {
    if (token.isName()) {
      addNamePart(token);
      if (phase == Phase.NAME_PART) {
        phase = Phase.NAME;
      }
    } else {
      giveUp();
    }
  }

  private void afterName(SqlLexer token, int level, boolean right) {
    if (level != operationLevel) {
      return;
    }
    switch (operation) {
      case "SELECT" -> {
        if ((right && token.isPunctuation('(')) || token.isPunctuation(',') || token.isAnyWord(JOINS)) {
          giveUp();
        } else if (token.isAnyWord(SELECT_CLAUSES)) {
          phase = Phase.DONE;
        }
      }
      case "UPDATE" -> {
        if (token.isPunctuation(',') || token.isAnyWord(JOINS)) {
          giveUp();
        } else if (token.isWord("SET")) {
          phase = Phase.SET_CLAUSE;
        }
      }
      case "DELETE" -> {
        if (token.isPunctuation(',') || token.isAnyWord(JOINS) || token.isWord("USING")
            || token.isWord("FROM")) {
          giveUp();
        } else if (token.isAnyWord(DELETE_CLAUSES)) {
          phase = Phase.DONE;
        }
      }
      case "DROP", "TRUNCATE" -> {
        if (token.isPunctuation(',')) {
          giveUp();
        }
      }
      default -> phase = Phase.DONE;
    }
  }

  private void setClause(SqlLexer token, int level) {
    if (level != operationLevel) {
      return;
    }
    if (token.isWord("FROM")) {
      giveUp();
    } else if (token.isAnyWord(UPDATE_CLAUSES)) {
      phase = Phase.DONE;
    }
  }

  private void addNamePart(SqlLexer token) {
    if (nameParts == null) {
      nameParts = new int[2 * MAX_NAME_PARTS];
    }
    if (namePartCount == MAX_NAME_PARTS) {
      giveUp();
      return;
    }
    nameParts[2 * namePartCount] = token.start();
    nameParts[2 * namePartCount + 1] = token.end();
    namePartCount++;
  }

  private void giveUp() {
    invalid = true;
    phase = Phase.DONE;
  }

  private void appendUnquoted(StringBuilder name, int start, int end) {
    char open = sql.charAt(start);
    if (end - start < 2 || (open != '"' && open != '`' && open != '[')) {
      name.append(sql, start, end);
      return;
    }
    char close = open == '[' ? ']' : open;
    for (int i = start + 1; i < end - 1; i++) {
      char c = sql.charAt(i);
      name.append(c);
      if (c == close && i + 1 < end - 1 && sql.charAt(i + 1) == close) {
        i++;
      }
    }
  }
}
