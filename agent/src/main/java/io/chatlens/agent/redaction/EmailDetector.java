package io.chatlens.agent.redaction;

import java.util.List;

/**
 * Finds e-mail addresses by expanding around each {@code @}, and around the ways an {@code @} is written
 * when it is encoded or obfuscated: {@code %40} (URL encoding, also double {@code %2540}), {@code \u0040}
 * (Java/JSON escapes), {@code &#64;} / {@code &#x40;} (HTML), the full-width and small forms
 * {@code ＠} and {@code ﹫}, and {@code (at)}, {@code [at]}, {@code {at}} (with or without blanks around
 * them, any case), whose domain may also spell its dots {@code (dot)}, {@code [dot]} or {@code {dot}}.
 * No regular expression runs, and text without any of these costs a few {@code indexOf} calls.
 *
 * <p>The local part may hold letters of any script, digits and {@code . _ % + -} (so mixed-case
 * addresses with {@code +} tags are found); the domain needs at least two labels and a top-level domain
 * of two or more letters, so {@code user@localhost}, {@code logback@1.5.0} and
 * {@code meet me (at) noon} stay as they are.
 */
final class EmailDetector implements Detector {

  private static final String MARKER = RedactionMarkers.marker(RedactionMarkers.EMAIL);

  /** The spellings of {@code @} besides the character itself, matched without case. */
  private static final List<String> AT_FORMS = List.of("%40", "%2540", "\\u0040", "&#64;", "&#x40;", "\uFF20",
      "\uFE6B", "(at)", "[at]", "{at}");
  /** The spellings of the dot accepted in a domain after an obfuscated {@code @}. */
  private static final List<String> DOT_FORMS = List.of("(dot)", "[dot]", "{dot}");

  @Override
  public void detect(String text, Findings findings) {
    scan(text, "@", false, findings);
    // each spelled-out form only when its first character is in the text (one pass finds which are)
    int present = firstCharacters(text);
    if (present != 0) {
      for (int i = 0; i < AT_FORMS.size(); i++) {
        String form = AT_FORMS.get(i);
        if ((present & (1 << FORM_FIRST.indexOf(form.charAt(0)))) != 0) {
          scan(text, form, form.charAt(0) == '(' || form.charAt(0) == '[' || form.charAt(0) == '{', findings);
        }
      }
    }
  }

  private static void scan(String text, String at, boolean spelledOut, Findings findings) {
    int from = indexOfIgnoreCase(text, at, 0);
    while (from >= 0) {
      int resume = from + at.length();
      int localEnd = from;
      int domainStart = from + at.length();
      if (spelledOut) {
        localEnd = skipBlanksBackward(text, from);
        domainStart = skipBlanksForward(text, domainStart);
      }
      int start = localPartStart(text, localEnd);
      if (start < localEnd) {
        int end = spelledOut ? obfuscatedDomainEnd(text, domainStart) : domainEnd(text, domainStart);
        if (end > domainStart && isDomain(text, domainStart, end, spelledOut)) {
          findings.add(start, end, MARKER);
          resume = end;
        }
      }
      from = resume < text.length() ? indexOfIgnoreCase(text, at, resume) : -1;
    }
  }

  /** The first characters of the spelled-out forms of {@code @}; bit i of {@link #firstCharacters} is character i. */
  private static final String FORM_FIRST = "%\\&\uFF20\uFE6B([{";

  /** Which of {@link #FORM_FIRST} occur in {@code text}, as bits; 0 when none. */
  private static int firstCharacters(String text) {
    int present = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      switch (text.charAt(i)) {
        case '%' -> present |= 1;
        case '\\' -> present |= 1 << 1;
        case '&' -> present |= 1 << 2;
        case '\uFF20' -> present |= 1 << 3;
        case '\uFE6B' -> present |= 1 << 4;
        case '(' -> present |= 1 << 5;
        case '[' -> present |= 1 << 6;
        case '{' -> present |= 1 << 7;
        default -> { }
      }
    }
    return present;
  }

  private static int indexOfIgnoreCase(String text, String literal, int from) {
    if (!hasLetter(literal)) {
      return text.indexOf(literal, from);
    }
    int last = text.length() - literal.length();
    char first = literal.charAt(0);
    for (int i = from; i <= last; i++) {
      if (text.charAt(i) == first && text.regionMatches(true, i, literal, 0, literal.length())) {
        return i;
      }
    }
    return -1;
  }

  private static int skipBlanksBackward(String text, int end) {
    int p = end;
    while (p > 0 && text.charAt(p - 1) == ' ' && end - p < 3) {
      p--;
    }
    return p;
  }

  private static int skipBlanksForward(String text, int start) {
    int p = start;
    while (p < text.length() && text.charAt(p) == ' ' && p - start < 3) {
      p++;
    }
    return p;
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

  private static int domainEnd(String text, int start) {
    int end = start;
    while (end < text.length() && isDomainChar(text.charAt(end))) {
      end++;
    }
    while (end > start && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
      end--;
    }
    return end;
  }

  /** Like {@link #domainEnd} but also accepts dots spelled {@code (dot)}, with blanks around them. */
  private static int obfuscatedDomainEnd(String text, int start) {
    int end = domainEnd(text, start);
    while (true) {
      int p = skipBlanksForward(text, end);
      String dot = dotFormAt(text, p);
      if (dot == null) {
        return end;
      }
      int labelStart = skipBlanksForward(text, p + dot.length());
      int labelEnd = domainEnd(text, labelStart);
      if (labelEnd == labelStart) {
        return end;
      }
      end = labelEnd;
    }
  }

  private static String dotFormAt(String text, int p) {
    for (String form : DOT_FORMS) {
      if (text.regionMatches(true, p, form, 0, form.length())) {
        return form;
      }
    }
    return null;
  }

  /** At least two labels, no empty label, and a top-level domain of two or more letters. */
  private static boolean isDomain(String text, int start, int end, boolean spelledOut) {
    int lastDot = -1;
    int lastDotEnd = -1;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (i == start || i - 1 == lastDot) {
          return false;
        }
        lastDot = i;
        lastDotEnd = i + 1;
      } else if (spelledOut && (c == '(' || c == '[' || c == '{')) {
        String dot = dotFormAt(text, i);
        if (dot != null) {
          lastDot = i;
          lastDotEnd = skipBlanksForward(text, i + dot.length());
          i = lastDotEnd - 1;
        }
      }
    }
    if (lastDot < 0 || end - lastDotEnd < 2) {
      return false;
    }
    for (int i = lastDotEnd; i < end; i++) {
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

  private static boolean hasLetter(String literal) {
    for (int i = 0; i < literal.length(); i++) {
      if (Character.isLetter(literal.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
