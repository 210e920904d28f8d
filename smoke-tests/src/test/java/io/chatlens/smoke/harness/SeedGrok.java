package io.chatlens.smoke.harness;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's Logstash grok pattern as a Java regular expression, expanded from the pattern definitions of
 * logstash-patterns-core ({@code patterns/ecs-v1/grok-patterns}), copied verbatim. Field names lose their
 * underscores (Java group names cannot have them): {@code log_message} is group {@code logmessage}. The
 * match is anchored at both ends, stricter than grok, which also accepts a match inside a line. (The
 * agent's unit tests hold the same class; the smoke tests cannot see them.)
 */
public final class SeedGrok {

  public static final String SEED_PATTERN = "%{TIMESTAMP_ISO8601:timestamp} \\[%{LOGLEVEL:level}\\] \\[%{DATA:module}\\] "
      + "\\[%{DATA:function}\\] %{GREEDYDATA:log_message}";

  private static final Map<String, String> DEFINITIONS = Map.ofEntries(
      Map.entry("DATA", ".*?"),
      Map.entry("GREEDYDATA", ".*"),
      Map.entry("YEAR", "(?>\\d\\d){1,2}"),
      Map.entry("MONTHNUM", "(?:0?[1-9]|1[0-2])"),
      Map.entry("MONTHDAY", "(?:(?:0[1-9])|(?:[12][0-9])|(?:3[01])|[1-9])"),
      Map.entry("HOUR", "(?:2[0123]|[01]?[0-9])"),
      Map.entry("MINUTE", "(?:[0-5][0-9])"),
      Map.entry("SECOND", "(?:(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?)"),
      Map.entry("ISO8601_TIMEZONE", "(?:Z|[+-]%{HOUR}(?::?%{MINUTE}))"),
      Map.entry("TIMESTAMP_ISO8601",
          "%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?"),
      Map.entry("LOGLEVEL", "([Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo?(?:rmation)?|"
          + "INFO?(?:RMATION)?|[Ww]arn?(?:ing)?|WARN?(?:ING)?|[Ee]rr?(?:or)?|ERR?(?:OR)?|[Cc]rit?(?:ical)?|"
          + "CRIT?(?:ICAL)?|[Ff]atal|FATAL|[Ss]evere|SEVERE|EMERG(?:ENCY)?|[Ee]merg(?:ency)?)"));

  private static final Pattern REFERENCE = Pattern.compile("%\\{(\\w+)(?::(\\w+))?\\}");

  public static final Pattern LINE = Pattern.compile(expand(SEED_PATTERN));

  private SeedGrok() {}

  /** The fields of a line (without its final newline), or {@code null} when the line does not parse. */
  public static Matcher parse(String line) {
    Matcher matcher = LINE.matcher(line);
    return matcher.matches() ? matcher : null;
  }

  static String expand(String grok) {
    Matcher reference = REFERENCE.matcher(grok);
    StringBuilder out = new StringBuilder();
    while (reference.find()) {
      String definition = DEFINITIONS.get(reference.group(1));
      if (definition == null) {
        throw new IllegalArgumentException("unknown grok pattern " + reference.group(1));
      }
      String expanded = expand(definition);
      String field = reference.group(2);
      String replacement = field == null ? expanded : "(?<" + field.replace("_", "") + ">" + expanded + ")";
      reference.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    reference.appendTail(out);
    return out.toString();
  }
}
