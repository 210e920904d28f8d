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
  /** The line (text format) or the message field (JSON) holding the message and its context pairs, from {@link #from}. */
  private String raw;
  private int from;
  private String text;
  /** {@code error.type} of a JSON line, or the type read from the text format's {@code | Type: message} tail. */
  String errorType;

  /** Parses a line of either format into this object; {@code false} when it is neither. */
  boolean parse(String line) {
    return parse(line, Long.MIN_VALUE);
  }

  /** As {@link #parse(String)}, with the line's timestamp when it is already known. */
  boolean parse(String line, long knownTimestamp) {
    errorType = null;
    text = null;
    pairs = -1;
    known = knownTimestamp;
    if (line.isEmpty()) {
      return false;
    }
    return line.charAt(0) == '{' ? parseJson(line) : parseText(line);
  }

  private long known = Long.MIN_VALUE;

  private boolean parseText(String line) {
    long ts = known != Long.MIN_VALUE ? known : Timestamps.parse(line, 0);
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
    raw = line;
    from = Math.min(line.length(), functionEnd + 2);
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
    raw = fields.message == null ? "" : fields.message;
    from = 0;
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

  private static final int MAX_PAIRS = 24;
  private final int[] keyStart = new int[MAX_PAIRS];
  private final int[] keyEnd = new int[MAX_PAIRS];
  private final int[] valueStart = new int[MAX_PAIRS];
  private int pairs = -1;

  /**
   * The value of a context pair {@code key=value} (the last one with that key: the context follows the message), or
   * {@code null}. The pairs are found in one pass over the text, the first time a value is asked for. Values with a
   * comma or a blank are quoted by the writer.
   */
  String get(String key) {
    int i = pair(key);
    return i < 0 ? null : valueAt(raw, valueStart[i]);
  }

  /** The message and its context pairs. */
  String text() {
    if (text == null) {
      text = raw.substring(from);
    }
    return text;
  }

  /** Whether the message starts with this text. */
  boolean starts(String prefix) {
    return raw.startsWith(prefix, from);
  }

  /** Whether the message starts with this text at this offset. */
  boolean starts(String prefix, int offset) {
    return raw.startsWith(prefix, from + offset);
  }

  private int pair(String key) {
    if (pairs < 0) {
      findPairs();
    }
    String t = raw;
    for (int i = pairs - 1; i >= 0; i--) {
      if (keyEnd[i] - keyStart[i] == key.length() && t.startsWith(key, keyStart[i])) {
        return i;
      }
    }
    return -1;
  }

  /** A 64-bit hash of a context value (as written, quotes included), or 0 when there is none. */
  long hashOf(String key) {
    int i = pair(key);
    if (i < 0) {
      return 0;
    }
    String t = raw;
    int start = valueStart[i];
    int end = start;
    if (end < t.length() && t.charAt(end) == '"') {
      int close = skipQuoted(t, end);
      end = close < 0 ? t.length() : close + 1;
    } else {
      while (end < t.length() && t.charAt(end) != ',' && t.charAt(end) != ' ') {
        end++;
      }
    }
    if (end == start) {
      return 0;
    }
    long h = 0xcbf29ce484222325L;
    for (int c = start; c < end; c++) {
      h ^= t.charAt(c);
      h *= 0x100000001b3L;
    }
    return h == 0 ? 1 : h;
  }

  private void findPairs() {
    String t = raw;
    int n = 0;
    int at = t.indexOf('=', from);
    while (at > 0) {
      int k = at;
      while (k > from && isKeyChar(t.charAt(k - 1))) {
        k--;
      }
      if (k < at && (k == from || t.charAt(k - 1) == ' ')) {
        if (n == MAX_PAIRS) {
          System.arraycopy(keyStart, 1, keyStart, 0, MAX_PAIRS - 1);
          System.arraycopy(keyEnd, 1, keyEnd, 0, MAX_PAIRS - 1);
          System.arraycopy(valueStart, 1, valueStart, 0, MAX_PAIRS - 1);
          n--;
        }
        keyStart[n] = k;
        keyEnd[n] = at;
        valueStart[n] = at + 1;
        n++;
        if (at + 1 < t.length() && t.charAt(at + 1) == '"') {
          at = skipQuoted(t, at + 1);
        }
      }
      at = at < 0 || at + 1 >= t.length() ? -1 : t.indexOf('=', at + 1);
    }
    pairs = n;
  }

  /** The index of the closing quote of the value quoted at {@code quote}, or -1. */
  private static int skipQuoted(String t, int quote) {
    for (int i = quote + 1; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isKeyChar(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c >= 'A' && c <= 'Z' || c == '.' || c == '-';
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
    String t = text();
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
      " alert=", " service=", " setting=", " problem=", " llm_cost=", " llm_tokens="};

  /** Long parse of a context value, or -1. */
  long number(String key) {
    int i = pair(key);
    if (i < 0) {
      return -1;
    }
    String t = raw;
    int start = valueStart[i];
    long n = 0;
    int c = start;
    for (; c < t.length() && c - start < 18; c++) {
      char ch = t.charAt(c);
      if (ch < '0' || ch > '9') {
        break;
      }
      n = n * 10 + (ch - '0');
    }
    return c == start ? -1 : n;
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
