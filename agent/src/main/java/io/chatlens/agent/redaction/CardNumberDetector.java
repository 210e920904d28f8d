package io.chatlens.agent.redaction;

/**
 * Finds payment card numbers: 13 to 19 digits, optionally grouped by runs of spaces or dashes (any run of up to
 * {@value #MAX_SEPARATORS} of them between two groups, so {@code 4111    1111 1111 1111} and
 * {@code 4111 - 1111 - 1111 - 1111} are found too), that pass the Luhn check. Digit runs are found by a plain scan,
 * so text without a long enough run costs one pass and no regular expression; a separator run is read at most once
 * per digit group that can start a number before it (at most {@value #MAX_DIGITS}), so the scan stays linear in the
 * text. Numbers glued to letters or to a decimal point are not card numbers.
 */
final class CardNumberDetector implements Detector {

  private static final String MARKER = RedactionMarkers.marker(RedactionMarkers.CARD);
  private static final int MIN_DIGITS = 13;
  private static final int MAX_DIGITS = 19;
  /**
   * The longest run of spaces and dashes allowed between two digit groups: wide enough for any way a person pads a
   * card number, short enough that digits in separate table columns are not read as one number.
   */
  static final int MAX_SEPARATORS = 16;

  @Override
  public void detect(String text, Findings findings) {
    int length = text.length();
    int runStart = -1;
    int digits = 0;
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        if (digits++ == 0) {
          runStart = i;
        }
        if (digits == MIN_DIGITS) {
          int end = runEnd(text, i);
          findInRun(text, runStart, end, findings);
          digits = 0;
          i = end;
          continue;
        }
      } else if (digits > 0) {
        int next = digitAfterSeparators(text, i);
        if (next < 0) {
          digits = 0;
        } else {
          i = next;
          continue;
        }
      }
      i++;
    }
  }

  /** End of the run of digits starting at {@code start}, allowing separator runs between groups. */
  private static int runEnd(String text, int start) {
    int length = text.length();
    int i = start;
    while (i < length) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        i++;
      } else {
        int next = digitAfterSeparators(text, i);
        if (next < 0) {
          break;
        }
        i = next;
      }
    }
    return i;
  }

  /**
   * Where the next digit group starts when {@code text[i..]} is 1 to {@value #MAX_SEPARATORS} spaces or
   * dashes followed by a digit; -1 otherwise.
   */
  private static int digitAfterSeparators(String text, int i) {
    int p = i;
    while (p < text.length() && p - i < MAX_SEPARATORS && (text.charAt(p) == ' ' || text.charAt(p) == '-')) {
      p++;
    }
    return p > i && p < text.length() && isDigit(text.charAt(p)) ? p : -1;
  }

  /** Whether the text before {@code start} lets a number begin there: no letter, no decimal point. */
  private static boolean freeBefore(String text, int start) {
    if (start == 0) {
      return true;
    }
    char before = text.charAt(start - 1);
    if (Character.isLetter(before)) {
      return false;
    }
    return !((before == '.' || before == ',') && start > 1 && isDigit(text.charAt(start - 2)));
  }

  /** Whether the text from {@code end} on lets a number end there: no letter, no decimal point. */
  private static boolean freeAfter(String text, int end) {
    if (end == text.length()) {
      return true;
    }
    char after = text.charAt(end);
    if (Character.isLetter(after)) {
      return false;
    }
    return !((after == '.' || after == ',') && end + 1 < text.length() && isDigit(text.charAt(end + 1)));
  }

  /**
   * Looks for card numbers made of whole digit groups of the run, preferring the earliest start and
   * then the longest number, so {@code 4111 1111 1111 1111 7} still yields the card.
   */
  private static void findInRun(String text, int start, int end, Findings findings) {
    boolean runMayStart = freeBefore(text, start);
    boolean runMayEnd = freeAfter(text, end);
    int groupStart = start;
    while (groupStart < end) {
      int best = -1;
      int digits = 0;
      int groupEnd = groupStart;
      while (groupEnd < end) {
        int next = groupEndFrom(text, groupEnd, end);
        digits += next - groupEnd;
        if (digits > MAX_DIGITS) {
          break;
        }
        boolean boundariesFree = (groupStart > start || runMayStart) && (next < end || runMayEnd);
        if (digits >= MIN_DIGITS && boundariesFree && passesLuhn(text, groupStart, next)) {
          best = next;
        }
        groupEnd = next < end ? digitAfterSeparators(text, next) : end;
        if (groupEnd < 0) {
          break;
        }
      }
      if (best >= 0) {
        findings.add(groupStart, best, MARKER);
        groupStart = best < end ? digitAfterSeparators(text, best) : end;
      } else {
        int firstEnd = groupEndFrom(text, groupStart, end);
        groupStart = firstEnd < end ? digitAfterSeparators(text, firstEnd) : end;
      }
      if (groupStart < 0) {
        break;
      }
    }
  }

  private static int groupEndFrom(String text, int groupStart, int runEnd) {
    int i = groupStart;
    while (i < runEnd && isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The Luhn (mod 10) check over the digits of {@code text[start, end)}. */
  static boolean passesLuhn(CharSequence text, int start, int end) {
    int sum = 0;
    boolean doubled = false;
    for (int i = end - 1; i >= start; i--) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        continue;
      }
      int digit = c - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
