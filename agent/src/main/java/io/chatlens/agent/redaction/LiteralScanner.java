package io.chatlens.agent.redaction;

import java.util.Arrays;
import java.util.List;

/**
 * Finds occurrences of a few short literals in one pass over the text, indexed by their first
 * character, so that expensive checks run only where a literal occurs. This is the cheap pre-check in
 * front of the detectors that look for prefixes or key words.
 */
final class LiteralScanner {

  /**
   * One literal to look for.
   *
   * @param text the literal
   * @param ignoreCase whether letters compare without case
   * @param skipSeparators whether {@code - _ .} in the text are skipped after its first character, so
   *     {@code apikey} also occurs in {@code api-key} and {@code API_KEY}
   */
  record Literal(String text, boolean ignoreCase, boolean skipSeparators) {}

  /** Receives each occurrence. */
  @FunctionalInterface
  interface Listener {
    /**
     * Called for an occurrence of literal {@code index} at {@code text[start, end)}.
     *
     * @return where scanning resumes; a value not after {@code start} means "not consumed"
     */
    int onOccurrence(int start, int end, int index);
  }

  private static final int ASCII = 128;
  private static final int[] NONE = new int[0];

  private final char[][] literals;
  private final boolean[] ignoreCase;
  private final boolean[] skipSeparators;
  private final int[][] byFirstChar = new int[ASCII][];
  /** Which (first, second) pairs of ASCII characters can start some literal; indexed by first * 128 + second. */
  private final boolean[] startingPairs = new boolean[ASCII * ASCII];
  private final int[] nonAsciiFirstChar;
  private final boolean wordStartsOnly;

  /**
   * Indexes the literals.
   *
   * @param literals what to look for
   * @param wordStartsOnly whether occurrences must start a word, that is not follow a letter, digit,
   *     {@code _} or {@code -}
   */
  LiteralScanner(List<Literal> literals, boolean wordStartsOnly) {
    this.wordStartsOnly = wordStartsOnly;
    this.literals = new char[literals.size()][];
    this.ignoreCase = new boolean[literals.size()];
    this.skipSeparators = new boolean[literals.size()];
    int[] nonAscii = NONE;
    for (int i = 0; i < literals.size(); i++) {
      Literal literal = literals.get(i);
      if (literal.text().isEmpty()) {
        throw new IllegalArgumentException("Empty literal");
      }
      ignoreCase[i] = literal.ignoreCase();
      skipSeparators[i] = literal.skipSeparators();
      char[] chars = literal.text().toCharArray();
      if (literal.ignoreCase()) {
        for (int k = 0; k < chars.length; k++) {
          chars[k] = Character.toLowerCase(chars[k]);
        }
      }
      this.literals[i] = chars;
      char first = chars[0];
      nonAscii = register(first, i, nonAscii);
      if (literal.ignoreCase()) {
        nonAscii = register(Character.toUpperCase(first), i, nonAscii);
      }
      registerStartingPairs(chars, literal.ignoreCase(), literal.skipSeparators());
    }
    this.nonAsciiFirstChar = nonAscii;
  }

  private void registerStartingPairs(char[] chars, boolean caseless, boolean skip) {
    for (char first : variants(chars[0], caseless)) {
      if (first >= ASCII) {
        continue;
      }
      for (char second = 0; second < ASCII; second++) {
        boolean possible = chars.length == 1
            || second == chars[1]
            || caseless && toLowerCase(second) == chars[1]
            || skip && NormalizedKey.isSeparator(second);
        if (possible) {
          startingPairs[first * ASCII + second] = true;
        }
      }
    }
  }

  private static char[] variants(char c, boolean caseless) {
    return caseless ? new char[] {Character.toLowerCase(c), Character.toUpperCase(c)} : new char[] {c};
  }

  /** Indexes literal {@code index} under its first character {@code c}; returns the non-ASCII list. */
  private int[] register(char c, int index, int[] nonAscii) {
    if (c >= ASCII) {
      return with(nonAscii, index);
    }
    byFirstChar[c] = with(byFirstChar[c] == null ? NONE : byFirstChar[c], index);
    return nonAscii;
  }

  private static int[] with(int[] indexes, int index) {
    for (int existing : indexes) {
      if (existing == index) {
        return indexes;
      }
    }
    int[] grown = Arrays.copyOf(indexes, indexes.length + 1);
    grown[indexes.length] = index;
    return grown;
  }

  /** Reports every occurrence, left to right, resuming where the listener says. */
  void scan(String text, Listener listener) {
    int length = text.length();
    boolean[] pairs = startingPairs;
    int resumeAt = 0;
    // A plain counted loop (no jumps of the index) lets the JIT hoist checks out of it.
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < ASCII) {
        char next = i + 1 < length ? text.charAt(i + 1) : 0;
        if (next < ASCII && !pairs[c * ASCII + next]) {
          continue;
        }
      }
      if (i >= resumeAt) {
        resumeAt = occurrencesAt(text, i, c, listener, resumeAt);
      }
    }
  }

  /** Tries every literal starting with {@code c} at {@code i}; returns where scanning may report again. */
  private int occurrencesAt(String text, int i, char c, Listener listener, int resumeAt) {
    int[] candidates = c < ASCII ? byFirstChar[c] : nonAsciiFirstChar;
    if (candidates == null || candidates.length == 0
        || wordStartsOnly && i > 0 && isWordChar(text.charAt(i - 1))) {
      return resumeAt;
    }
    for (int index : candidates) {
      int end = matchEnd(text, i, index);
      if (end >= 0) {
        int resume = listener.onOccurrence(i, end, index);
        if (resume > i) {
          return resume;
        }
      }
    }
    return resumeAt;
  }

  private int matchEnd(String text, int start, int index) {
    char[] wanted = literals[index];
    boolean caseless = ignoreCase[index];
    boolean skip = skipSeparators[index];
    int length = text.length();
    int position = start;
    for (int k = 0; k < wanted.length; k++) {
      if (position >= length) {
        return -1;
      }
      char c = text.charAt(position);
      if (skip && k > 0) {
        while (NormalizedKey.isSeparator(c)) {
          if (++position >= length) {
            return -1;
          }
          c = text.charAt(position);
        }
      }
      if (caseless) {
        c = toLowerCase(c);
      }
      if (c != wanted[k]) {
        return -1;
      }
      position++;
    }
    return position;
  }

  private static char toLowerCase(char c) {
    if (c >= 'A' && c <= 'Z') {
      return (char) (c + ('a' - 'A'));
    }
    return c < ASCII ? c : Character.toLowerCase(c);
  }

  private static boolean isWordChar(char c) {
    if (c < ASCII) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
    return Character.isLetterOrDigit(c);
  }
}
