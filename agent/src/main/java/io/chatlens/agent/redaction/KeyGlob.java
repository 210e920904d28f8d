package io.chatlens.agent.redaction;

import java.util.ArrayList;
import java.util.List;

/**
 * One deny-list glob such as {@code *token*}, compiled to a cheap matcher. The glob matches a key when
 * it matches the whole {@link NormalizedKey} or any run of its whole words.
 */
final class KeyGlob {

  private enum Kind { EXACT, PREFIX, SUFFIX, CONTAINS, GENERAL }

  private final Kind kind;
  private final String literal;
  private final List<String> pieces;
  private final boolean leadingStar;
  private final boolean trailingStar;

  private KeyGlob(Kind kind, List<String> pieces, boolean leadingStar, boolean trailingStar) {
    this.kind = kind;
    this.pieces = pieces;
    this.literal = pieces.get(0);
    this.leadingStar = leadingStar;
    this.trailingStar = trailingStar;
  }

  /**
   * Compiles a glob.
   *
   * @throws IllegalArgumentException when it is blank, has characters other than letters, digits,
   *     {@code * - _ .}, or has no letter or digit
   */
  static KeyGlob parse(String glob) {
    StringBuilder normalized = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        normalized.append(Character.toLowerCase(c));
      } else if (c == '*') {
        if (normalized.length() == 0 || normalized.charAt(normalized.length() - 1) != '*') {
          normalized.append('*');
        }
      } else if (!NormalizedKey.isSeparator(c)) {
        throw new IllegalArgumentException("Invalid sensitive key '" + glob
            + "': use letters, digits, '*', '-', '_' or '.'");
      }
    }
    String text = normalized.toString();
    List<String> pieces = new ArrayList<>();
    for (String piece : text.split("\\*")) {
      if (!piece.isEmpty()) {
        pieces.add(piece);
      }
    }
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("Invalid sensitive key '" + glob
          + "': it needs at least one letter or digit, otherwise it would match every key");
    }
    boolean leading = text.startsWith("*");
    boolean trailing = text.endsWith("*");
    Kind kind;
    if (pieces.size() > 1) {
      kind = Kind.GENERAL;
    } else if (leading && trailing) {
      kind = Kind.CONTAINS;
    } else if (leading) {
      kind = Kind.SUFFIX;
    } else if (trailing) {
      kind = Kind.PREFIX;
    } else {
      kind = Kind.EXACT;
    }
    return new KeyGlob(kind, List.copyOf(pieces), leading, trailing);
  }

  /** The longest literal part: every key this glob matches contains it (ignoring case and separators). */
  String longestLiteral() {
    String longest = "";
    for (String piece : pieces) {
      if (piece.length() > longest.length()) {
        longest = piece;
      }
    }
    return longest;
  }

  /** Whether this glob matches the key or a run of its whole words. */
  boolean matches(NormalizedKey key) {
    String text = key.text();
    int length = text.length();
    switch (kind) {
      case CONTAINS:
        return text.contains(literal);
      case EXACT:
        for (int start = 0; start + literal.length() <= length; start++) {
          if (key.isBoundary(start) && key.isBoundary(start + literal.length()) && text.startsWith(literal, start)) {
            return true;
          }
        }
        return false;
      case PREFIX:
        for (int start = 0; start + literal.length() <= length; start++) {
          if (key.isBoundary(start) && text.startsWith(literal, start)) {
            return true;
          }
        }
        return false;
      case SUFFIX:
        for (int end = literal.length(); end <= length; end++) {
          if (key.isBoundary(end) && text.startsWith(literal, end - literal.length())) {
            return true;
          }
        }
        return false;
      default:
        return matchesAnyRun(key);
    }
  }

  private boolean matchesAnyRun(NormalizedKey key) {
    String text = key.text();
    for (int start = 0; start < text.length(); start++) {
      if (!key.isBoundary(start)) {
        continue;
      }
      for (int end = text.length(); end > start; end--) {
        if (key.isBoundary(end) && matchesRun(text, start, end)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Classic glob match of the pieces against {@code text[start, end)}. */
  private boolean matchesRun(String text, int start, int end) {
    int position = start;
    int last = pieces.size() - 1;
    for (int i = 0; i <= last; i++) {
      String piece = pieces.get(i);
      if (i == 0 && !leadingStar) {
        if (!text.startsWith(piece, position) || position + piece.length() > end) {
          return false;
        }
        position += piece.length();
      } else if (i == last && !trailingStar) {
        int from = end - piece.length();
        return from >= position && text.startsWith(piece, from);
      } else {
        int found = text.indexOf(piece, position);
        if (found < 0 || found + piece.length() > end) {
          return false;
        }
        position = found + piece.length();
      }
    }
    return trailingStar || position == end;
  }
}
