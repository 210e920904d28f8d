package io.chatlens.agent.redaction;

/**
 * Finds the password of {@code user:password@host} in URLs of any scheme ({@code https://},
 * {@code postgres://}, {@code jdbc:mysql://}, {@code amqp://}, {@code redis://:password@host},
 * {@code mongodb+srv://}, ...) and of Oracle's {@code jdbc:oracle:thin:user/password@host}. The user name
 * is kept (the e-mail detector still sees it), the password becomes {@code [REDACTED:secret]}. The
 * last {@code @} before the host counts, so a password holding an unencoded {@code @} is redacted
 * whole.
 */
final class UrlCredentialDetector implements Detector {

  private static final String MARKER = RedactionMarkers.marker(RedactionMarkers.SECRET);
  private static final String ORACLE_THIN = "thin:";
  /** Longer user-info parts are not user-info; the limit also bounds the scan. */
  private static final int MAX_USER_INFO = 512;

  @Override
  public void detect(String text, Findings findings) {
    int from = text.indexOf("://");
    while (from >= 0) {
      int start = from + 3;
      int next = userInfo(text, start, ':', findings);
      from = text.indexOf("://", Math.max(next, start));
    }
    int thin = text.indexOf(':') < 0 ? -1 : indexOfIgnoreCase(text, ORACLE_THIN, 0);
    while (thin >= 0) {
      int start = thin + ORACLE_THIN.length();
      if (start < text.length() && text.charAt(start) != '@') {
        userInfo(text, start, '/', findings);
      }
      thin = indexOfIgnoreCase(text, ORACLE_THIN, start);
    }
  }

  /** Redacts what follows the first {@code separator} of the user info at {@code start}; returns where it ends. */
  private static int userInfo(String text, int start, char separator, Findings findings) {
    int end = start;
    int at = -1;
    while (end < text.length() && end - start <= MAX_USER_INFO) {
      char c = text.charAt(end);
      if (Character.isWhitespace(c) || c == '/' && separator != '/' || c == '?' || c == '#' || c == '"'
          || c == '\'' || c == '<' || c == '>' || c == '`') {
        break;
      }
      if (c == '@') {
        at = end;
      }
      end++;
    }
    if (at < 0) {
      return end;
    }
    int colon = text.indexOf(separator, start);
    if (colon < 0 || colon >= at) {
      return end;
    }
    if (colon + 1 < at && !text.startsWith(RedactionMarkers.PREFIX, colon + 1)) {
      findings.add(colon + 1, at, MARKER);
    }
    return at + 1;
  }

  private static int indexOfIgnoreCase(String text, String literal, int from) {
    char lower = Character.toLowerCase(literal.charAt(0));
    char upper = Character.toUpperCase(literal.charAt(0));
    for (int i = from; i <= text.length() - literal.length(); i++) {
      char c = text.charAt(i);
      if ((c == lower || c == upper) && text.regionMatches(true, i, literal, 0, literal.length())) {
        return i;
      }
    }
    return -1;
  }
}
