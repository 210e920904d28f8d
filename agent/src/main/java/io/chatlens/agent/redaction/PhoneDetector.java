package io.chatlens.agent.redaction;

/**
 * Finds phone numbers written in international form: a {@code +} (not glued to a letter or digit before
 * it), then 8 to 15 digits (the E.164 range) in groups separated by single spaces, dashes, dots or
 * brackets, such as {@code +44 20 7946 0958}, {@code +1 (415) 555-2671} or {@code +49-30-901820}.
 * Numbers without the {@code +} are not redacted: order numbers, amounts and ids look the same.
 */
final class PhoneDetector implements Detector {

  private static final String MARKER = RedactionMarkers.marker(RedactionMarkers.PHONE);
  private static final int MIN_DIGITS = 8;
  private static final int MAX_DIGITS = 15;

  @Override
  public void detect(String text, Findings findings) {
    int plus = text.indexOf('+');
    while (plus >= 0) {
      int resume = plus + 1;
      if (plus == 0 || !Character.isLetterOrDigit(text.charAt(plus - 1))) {
        int end = numberEnd(text, plus + 1);
        if (end > 0) {
          findings.add(plus, end, MARKER);
          resume = end;
        }
      }
      plus = resume < text.length() ? text.indexOf('+', resume) : -1;
    }
  }

  private static int numberEnd(String text, int start) {
    int length = text.length();
    int p = start;
    if (p < length && text.charAt(p) == '(') {
      p++;
    }
    if (p >= length || !isDigit(text.charAt(p))) {
      return -1;
    }
    int digits = 0;
    int lastDigitEnd = -1;
    while (p < length) {
      char c = text.charAt(p);
      if (isDigit(c)) {
        if (++digits > MAX_DIGITS) {
          return -1;
        }
        p++;
        lastDigitEnd = p;
      } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
        int q = p + 1;
        if (c == ')' && q < length && (text.charAt(q) == ' ' || text.charAt(q) == '-')) {
          q++;
        } else if ((c == ' ' || c == '-') && q < length && text.charAt(q) == '(') {
          q++;
        }
        if (q < length && isDigit(text.charAt(q))) {
          p = q;
        } else {
          break;
        }
      } else {
        break;
      }
    }
    if (digits < MIN_DIGITS || lastDigitEnd < length && Character.isLetterOrDigit(text.charAt(lastDigitEnd))) {
      return -1;
    }
    return lastDigitEnd;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
