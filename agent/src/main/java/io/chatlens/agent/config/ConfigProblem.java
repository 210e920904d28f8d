package io.chatlens.agent.config;

/**
 * One thing wrong with the configuration, rendered as a single line that names the file, line, key and
 * value and says what is allowed.
 */
public record ConfigProblem(Severity severity, String origin, int line, String key, String value, String message) {

  /** How bad a problem is. */
  public enum Severity { WARN, ERROR }

  static ConfigProblem error(String origin, int line, String key, String value, String message) {
    return new ConfigProblem(Severity.ERROR, origin, line, key, value, message);
  }

  static ConfigProblem warn(String origin, int line, String key, String value, String message) {
    return new ConfigProblem(Severity.WARN, origin, line, key, value, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  ConfigProblem asError() {
    return new ConfigProblem(Severity.ERROR, origin, line, key, value, message);
  }

  /** For example {@code ERROR agent.properties:12: chatlens.instrument.grace-period=soon is invalid: ...}. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(severity).append(' ').append(origin);
    if (line > 0) {
      out.append(':').append(line);
    }
    out.append(": ");
    if (!key.isEmpty()) {
      out.append(key).append('=').append(value).append(": ");
    } else if (!value.isEmpty()) {
      out.append('\'').append(value).append("': ");
    }
    out.append(message);
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
