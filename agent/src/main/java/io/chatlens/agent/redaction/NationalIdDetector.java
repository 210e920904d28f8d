package io.chatlens.agent.redaction;

/**
 * Finds national identifiers and bank account numbers by their shape and check rules, with a plain scan
 * (no regular expression):
 *
 * <ul>
 *   <li>US social security numbers written {@code 123-45-6789} (or with spaces): area 001-899 except
 *       666, group 01-99, serial 0001-9999, and not glued to other digits, dashes or letters, so dates
 *       ({@code 2024-01-15}), phone numbers ({@code 555-123-4567}) and version strings are left alone;
 *   <li>IBANs: a two-letter country code, two check digits and 11 to 30 letters or digits, written
 *       solid or in groups of four separated by single spaces, that pass the ISO 13616 mod-97 check.
 * </ul>
 */
final class NationalIdDetector implements Detector {

  private static final String SSN = RedactionMarkers.marker(RedactionMarkers.SSN);
  private static final String IBAN = RedactionMarkers.marker(RedactionMarkers.IBAN);
  private static final int IBAN_MIN = 15;
  private static final int IBAN_MAX = 34;

  @Override
  public void detect(String text, Findings findings) {
    int length = text.length();
    for (int i = 0; i + 11 <= length; i++) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        if (i == 0 || !isGlue(text.charAt(i - 1))) {
          int end = ssnEnd(text, i);
          if (end > 0) {
            findings.add(i, end, SSN);
            i = end;
            continue;
          }
        }
        while (i + 1 < length && isDigit(text.charAt(i + 1))) {
          i++;
        }
      } else if (isUpper(c) && i + 15 <= length && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
        int end = ibanEnd(text, i);
        if (end > 0) {
          findings.add(i, end, IBAN);
          i = end;
        }
      }
    }
  }

  private static boolean isGlue(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '/' || c == '+' || c == ':';
  }

  /** The end of an SSN starting at {@code start}, or -1. */
  private static int ssnEnd(String text, int start) {
    if (start + 11 > text.length()) {
      return -1;
    }
    char sep = text.charAt(start + 3);
    if (sep != '-' && sep != ' ' || text.charAt(start + 6) != sep) {
      return -1;
    }
    for (int offset : new int[] {0, 1, 2, 4, 5, 7, 8, 9, 10}) {
      if (!isDigit(text.charAt(start + offset))) {
        return -1;
      }
    }
    int end = start + 11;
    if (end < text.length() && isGlue(text.charAt(end))
        && !(text.charAt(end) == '.' && (end + 1 == text.length() || !isDigit(text.charAt(end + 1))))) {
      return -1;
    }
    int area = number(text, start, 3);
    int group = number(text, start + 4, 2);
    int serial = number(text, start + 7, 4);
    if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
      return -1;
    }
    return end;
  }

  private static int number(String text, int start, int digits) {
    int value = 0;
    for (int i = 0; i < digits; i++) {
      value = value * 10 + text.charAt(start + i) - '0';
    }
    return value;
  }

  /** The end of the longest IBAN starting at {@code start} that passes mod-97, or -1. */
  private static int ibanEnd(String text, int start) {
    if (!isUpper(text.charAt(start + 1)) || !isDigit(text.charAt(start + 2)) || !isDigit(text.charAt(start + 3))) {
      return -1;
    }
    // collect the characters: solid, or groups of four separated by one space
    int length = text.length();
    char[] chars = new char[IBAN_MAX];
    int[] ends = new int[IBAN_MAX];
    int count = 0;
    int p = start;
    boolean grouped = p + 4 < length && text.charAt(p + 4) == ' ';
    while (p < length && count < IBAN_MAX) {
      char c = text.charAt(p);
      if (isUpper(c) || isDigit(c)) {
        chars[count] = c;
        ends[count++] = p + 1;
        p++;
      } else if (Character.isLowerCase(c)) {
        return -1;
      } else if (grouped && c == ' ' && count % 4 == 0 && p + 1 < length
          && (isUpper(text.charAt(p + 1)) || isDigit(text.charAt(p + 1)))) {
        p++;
      } else {
        break;
      }
    }
    for (int n = count; n >= IBAN_MIN; n--) {
      int end = ends[n - 1];
      if (end < length && Character.isLetterOrDigit(text.charAt(end))) {
        continue;
      }
      if (grouped && n < count && n % 4 != 0) {
        continue;
      }
      if (mod97(chars, n) == 1) {
        return end;
      }
    }
    return -1;
  }

  /** ISO 13616: the first four characters moved to the end, letters as 10..35, the number mod 97. */
  private static int mod97(char[] chars, int n) {
    int remainder = 0;
    for (int k = 0; k < n; k++) {
      char c = chars[(k + 4) % n];
      int value = isDigit(c) ? c - '0' : c - 'A' + 10;
      remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
    }
    return remainder;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
