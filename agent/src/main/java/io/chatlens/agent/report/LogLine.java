package io.chatlens.agent.report;

/**
 * One structured log line, parsed from either format into the same fields: the text format
 * {@code 2024-01-15T10:30:45.123Z [INFO] [module] [function] message key=value, ...} and the ECS JSON format,
 * whose {@code message} field holds the same {@code message key=value, ...} text. Context values are read
 * from that text, so both formats are analysed by the same code.
 */
final class LogLine {

  static final int DEBUG = 0;
  static final int INFO = 1;
  static final int WARN = 2;
  static final int ERROR = 3;

  long epochMillis;
  int level;
  String module;
  String function;
  /** The message followed by its context pairs. */
  String text;
  /** {@code error.type} of a JSON line, or the type read from the text format's {@code | Type: message} tail. */
  String errorType;

  /** Parses a line of either format into this object; {@code false} when it is neither. */
  boolean parse(String line) {
    errorType = null;
    if (line.isEmpty()) {
      return false;
    }
    return line.charAt(0) == '{' ? parseJson(line) : parseText(line);
  }

  private boolean parseText(String line) {
    long ts = Timestamps.parse(line, 0);
    if (ts == Long.MIN_VALUE || line.length() < 26 || line.charAt(24) != ' ' || line.charAt(25) != '[') {
      return false;
    }
    int levelEnd = line.indexOf(']', 26);
    if (levelEnd < 0) {
      return false;
    }
    int lvl = levelOf(line, 26, levelEnd);
    if (lvl < 0 || levelEnd + 2 >= line.length() || line.charAt(levelEnd + 2) != '[') {
      return false;
    }
    int moduleEnd = line.indexOf(']', levelEnd + 3);
    if (moduleEnd < 0 || moduleEnd + 2 >= line.length() || line.charAt(moduleEnd + 2) != '[') {
      return false;
    }
    int functionEnd = line.indexOf(']', moduleEnd + 3);
    if (functionEnd < 0) {
      return false;
    }
    epochMillis = ts;
    level = lvl;
    module = Names.intern(line, levelEnd + 3, moduleEnd);
    function = Names.intern(line, moduleEnd + 3, functionEnd);
    text = functionEnd + 2 <= line.length() ? line.substring(Math.min(line.length(), functionEnd + 2)) : "";
    return true;
  }

  private boolean parseJson(String line) {
    JsonFields fields = JsonFields.scan(line);
    if (fields == null || fields.timestamp == null || fields.level == null) {
      return false;
    }
    long ts = Timestamps.parse(fields.timestamp, 0);
    int lvl = levelOf(fields.level, 0, fields.level.length());
    if (ts == Long.MIN_VALUE || lvl < 0) {
      return false;
    }
    epochMillis = ts;
    level = lvl;
    module = fields.logger == null ? "" : Names.intern(fields.logger, 0, fields.logger.length());
    function = fields.function == null ? "" : Names.intern(fields.function, 0, fields.function.length());
    text = fields.message == null ? "" : fields.message;
    errorType = fields.errorType;
    return true;
  }

  private static int levelOf(String s, int from, int to) {
    int n = to - from;
    if (n == 4 && s.startsWith("INFO", from)) {
      return INFO;
    }
    if (n == 4 && s.startsWith("WARN", from)) {
      return WARN;
    }
    if (n == 5 && s.startsWith("ERROR", from)) {
      return ERROR;
    }
    if (n == 5 && s.startsWith("DEBUG", from)) {
      return DEBUG;
    }
    if (n == 5 && s.startsWith("TRACE", from)) {
      return DEBUG;
    }
    if (n == 8 && s.startsWith("CRITICAL", from)) {
      return ERROR;
    }
    if (n == 7 && s.startsWith("WARNING", from)) {
      return WARN;
    }
    return -1;
  }

  /**
   * The value of a context pair {@code key=value} (the last one in the text: the context follows the message), or
   * {@code null}. Values with a comma or a blank are quoted by the writer.
   */
  String get(String key) {
    String t = text;
    int at = t.length();
    while (true) {
      at = t.lastIndexOf(key, at - 1);
      if (at < 0) {
        return null;
      }
      int eq = at + key.length();
      boolean startsField = at == 0 || t.charAt(at - 1) == ' ';
      if (startsField && eq < t.length() && t.charAt(eq) == '=') {
        return valueAt(t, eq + 1);
      }
      if (at == 0) {
        return null;
      }
    }
  }

  private static String valueAt(String t, int start) {
    if (start < t.length() && t.charAt(start) == '"') {
      StringBuilder out = new StringBuilder();
      for (int i = start + 1; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c == '\\' && i + 1 < t.length() && t.charAt(i + 1) == '"') {
          out.append('"');
          i++;
        } else if (c == '"') {
          break;
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
    int end = start;
    while (end < t.length() && t.charAt(end) != ',' && t.charAt(end) != ' ') {
      end++;
    }
    return t.substring(start, end);
  }

  /** The message without its context pairs (cut at the first well-known context key). */
  String message() {
    String t = text;
    int cut = t.length();
    for (String key : CONTEXT_KEYS) {
      int at = t.indexOf(key);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return t.substring(0, cut).trim();
  }

  private static final String[] CONTEXT_KEYS = {" user_id=", " session_id=", " trace_id=", " span_id=", " command=",
      " duration_ms=", " db_system=", " error_category=", " error_fingerprint=", " result_count=", " error_type=",
      " alert=", " service=", " setting=", " problem="};

  /** Long parse of a context value, or -1. */
  long number(String key) {
    String value = get(key);
    return parseLong(value);
  }

  static long parseLong(String value) {
    if (value == null || value.isEmpty()) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      if (i >= 18) {
        return -1;
      }
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return i == 0 ? -1 : n;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
