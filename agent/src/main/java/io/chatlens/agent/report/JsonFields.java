package io.chatlens.agent.report;

/**
 * Reads the top-level string fields the report needs from one ECS JSON log line, without a JSON library: it
 * walks the object once, unescapes strings only for the fields it keeps and skips nested objects.
 */
final class JsonFields {

  String timestamp;
  String level;
  String message;
  String logger;
  String function;
  String errorType;

  static JsonFields scan(String s) {
    JsonFields f = new JsonFields();
    int[] pos = {1};
    int n = s.length();
    while (true) {
      skipBlanks(s, pos);
      if (pos[0] >= n) {
        return null;
      }
      char c = s.charAt(pos[0]);
      if (c == '}') {
        return f;
      }
      if (c == ',') {
        pos[0]++;
        continue;
      }
      if (c != '"') {
        return null;
      }
      String name = string(s, pos, true);
      if (name == null) {
        return null;
      }
      skipBlanks(s, pos);
      if (pos[0] >= n || s.charAt(pos[0]) != ':') {
        return null;
      }
      pos[0]++;
      skipBlanks(s, pos);
      if (pos[0] >= n) {
        return null;
      }
      if (s.charAt(pos[0]) == '"') {
        boolean wanted = switch (name) {
          case "@timestamp", "log.level", "message", "log.logger", "log.origin.function", "error.type" -> true;
          default -> false;
        };
        String value = string(s, pos, wanted);
        if (pos[0] < 0) {
          return null;
        }
        switch (name) {
          case "@timestamp" -> f.timestamp = value;
          case "log.level" -> f.level = value;
          case "message" -> f.message = value;
          case "log.logger" -> f.logger = value;
          case "log.origin.function" -> f.function = value;
          case "error.type" -> f.errorType = value;
          default -> { }
        }
      } else if (!skipValue(s, pos)) {
        return null;
      }
    }
  }

  private static void skipBlanks(String s, int[] pos) {
    while (pos[0] < s.length() && s.charAt(pos[0]) <= ' ') {
      pos[0]++;
    }
  }

  /** Reads the string at pos (a quote); returns it unescaped when {@code keep}, leaves pos after it (-1 on error). */
  private static String string(String s, int[] pos, boolean keep) {
    int start = pos[0] + 1;
    int i = start;
    int n = s.length();
    boolean escaped = false;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\') {
        escaped = true;
        i += 2;
        continue;
      }
      if (c == '"') {
        break;
      }
      i++;
    }
    if (i >= n) {
      pos[0] = -1;
      return null;
    }
    pos[0] = i + 1;
    if (!keep) {
      return "";
    }
    if (!escaped) {
      return s.substring(start, i);
    }
    StringBuilder out = new StringBuilder(i - start);
    for (int j = start; j < i; j++) {
      char c = s.charAt(j);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(++j);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (j + 4 < i + 1 && j + 4 < n) {
            try {
              out.append((char) Integer.parseInt(s.substring(j + 1, j + 5), 16));
            } catch (NumberFormatException bad) {
              out.append('\ufffd');
            }
            j += 4;
          }
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }

  /** Skips an object, array, number, literal; false on malformed input. */
  private static boolean skipValue(String s, int[] pos) {
    int depth = 0;
    int n = s.length();
    while (pos[0] < n) {
      char c = s.charAt(pos[0]);
      if (c == '"') {
        string(s, pos, false);
        if (pos[0] < 0) {
          return false;
        }
        if (depth == 0) {
          return true;
        }
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return true;
        }
        depth--;
        if (depth == 0) {
          pos[0]++;
          return true;
        }
      } else if (c == ',' && depth == 0) {
        return true;
      }
      pos[0]++;
    }
    return false;
  }
}
