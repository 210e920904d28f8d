package io.chatlens.agent.redaction;

/**
 * Finds e-mail addresses by expanding around each {@code @}: no regular expression runs, and text
 * without {@code @} costs one {@code indexOf}.
 */
final class EmailDetector implements Detector {

  private static final String MARKER = RedactionMarkers.marker(RedactionMarkers.EMAIL);

  @Override
  public void detect(String text, Findings findings) {
    int at = text.indexOf('@');
    while (at >= 0) {
      int resume = at + 1;
      int start = localPartStart(text, at);
      if (start < at) {
        int end = domainEnd(text, at);
        if (isDomain(text, at + 1, end)) {
          findings.add(start, end, MARKER);
          resume = end;
        }
      }
      at = resume < text.length() ? text.indexOf('@', resume) : -1;
    }
  }

  private static int localPartStart(String text, int at) {
    int start = at;
    while (start > 0 && isLocalChar(text.charAt(start - 1))) {
      start--;
    }
    while (start < at && text.charAt(start) == '.') {
      start++;
    }
    return start;
  }

  private static int domainEnd(String text, int at) {
    int end = at + 1;
    while (end < text.length() && isDomainChar(text.charAt(end))) {
      end++;
    }
    while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
      end--;
    }
    return end;
  }

  /** At least two labels, no empty label, and a top-level domain of two or more letters. */
  private static boolean isDomain(String text, int start, int end) {
    int lastDot = -1;
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == '.') {
        if (i == start || i - 1 == lastDot) {
          return false;
        }
        lastDot = i;
      }
    }
    if (lastDot < 0 || end - lastDot - 1 < 2) {
      return false;
    }
    for (int i = lastDot + 1; i < end; i++) {
      if (!Character.isLetter(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLocalChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean isDomainChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-';
  }
}
