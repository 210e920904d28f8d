package io.chatlens.agent.config;

import io.chatlens.instrumentation.accessor.Accessor;
import io.chatlens.instrumentation.errors.ErrorCategorizer;
import io.chatlens.instrumentation.matching.MethodPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a configuration value is parsed, and how to tell the user what is allowed when it is not.
 *
 * @param <T> the parsed type
 */
public abstract class ValueType<T> {

  private final String allowed;

  ValueType(String allowed) {
    this.allowed = allowed;
  }

  /** A human description of the accepted values, used in error messages. */
  public String allowed() {
    return allowed;
  }

  /** Parses a raw value; throws {@link IllegalArgumentException} when it is not allowed. */
  public abstract T parse(String raw);

  /** A type described by {@code allowed} and parsed by {@code parser} (which throws IllegalArgumentException). */
  public static <T> ValueType<T> of(String allowed, Function<String, T> parser) {
    return new ValueType<>(allowed) {
      @Override
      public T parse(String raw) {
        return parser.apply(raw);
      }
    };
  }

  public static ValueType<Boolean> bool() {
    return new ValueType<>("true or false") {
      @Override
      public Boolean parse(String raw) {
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (value.equals("true")) {
          return Boolean.TRUE;
        }
        if (value.equals("false")) {
          return Boolean.FALSE;
        }
        throw new IllegalArgumentException();
      }
    };
  }

  public static ValueType<Integer> integer(int min, int max) {
    return new ValueType<>("an integer from " + min + " to " + max) {
      @Override
      public Integer parse(String raw) {
        int value = Integer.parseInt(raw.trim());
        if (value < min || value > max) {
          throw new IllegalArgumentException();
        }
        return value;
      }
    };
  }

  public static ValueType<Double> decimal(double min, double max) {
    return new ValueType<>("a number from " + trim(min) + " to " + trim(max)) {
      @Override
      public Double parse(String raw) {
        double value = Double.parseDouble(raw.trim());
        if (Double.isNaN(value) || value < min || value > max) {
          throw new IllegalArgumentException();
        }
        return value;
      }
    };
  }

  public static ValueType<String> text() {
    return new ValueType<>("any text") {
      @Override
      public String parse(String raw) {
        return raw.trim();
      }
    };
  }

  public static ValueType<String> nonEmptyText() {
    return new ValueType<>("a non-empty text") {
      @Override
      public String parse(String raw) {
        String value = raw.trim();
        if (value.isEmpty()) {
          throw new IllegalArgumentException();
        }
        return value;
      }
    };
  }

  /** One of a fixed set of words, case-insensitive; parsed to its lower-case form. */
  public static ValueType<String> oneOf(String... choices) {
    List<String> allowed = Arrays.asList(choices);
    return new ValueType<>("one of " + String.join(", ", allowed)) {
      @Override
      public String parse(String raw) {
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
          throw new IllegalArgumentException();
        }
        return value;
      }
    };
  }

  /** The shortest period of {@code chatlens.report.schedule=every DURATION}. */
  public static final Duration SHORTEST_REPORT_INTERVAL = Duration.ofSeconds(10);

  /**
   * {@code chatlens.report.schedule}: {@code off}, {@code hourly}, {@code daily}, {@code weekly}, or
   * {@code every DURATION} (at least {@link #SHORTEST_REPORT_INTERVAL}, at most 7 days), kept as {@code every } and
   * the duration as written (lower case).
   */
  public static ValueType<String> reportSchedule() {
    List<String> named = List.of("off", "hourly", "daily", "weekly");
    return new ValueType<>("one of off, hourly, daily, weekly, or every followed by a duration from 10s to 7d "
        + "(every 15m)") {
      @Override
      public String parse(String raw) {
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (named.contains(value)) {
          return value;
        }
        if (!value.startsWith("every ")) {
          throw new IllegalArgumentException();
        }
        String amount = value.substring("every ".length()).trim();
        Duration period = parseDuration(amount);
        if (period.compareTo(SHORTEST_REPORT_INTERVAL) < 0 || period.compareTo(Duration.ofDays(7)) > 0) {
          throw new IllegalArgumentException();
        }
        return "every " + amount;
      }
    };
  }

  /** The period of a schedule that {@link #reportSchedule()} accepted as {@code every DURATION}. */
  public static Duration reportInterval(String schedule) {
    return parseDuration(schedule.substring("every ".length()));
  }

  /** A comma-separated list whose every element must be one of the choices. */
  public static ValueType<List<String>> listOf(String... choices) {
    List<String> allowed = Arrays.asList(choices);
    return new ValueType<>("a comma-separated list of " + String.join(", ", allowed)) {
      @Override
      public List<String> parse(String raw) {
        List<String> values = splitList(raw);
        for (String value : values) {
          if (!allowed.contains(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException();
          }
        }
        return values;
      }
    };
  }

  /** A comma-separated list of free words. */
  public static ValueType<List<String>> list() {
    return new ValueType<>("a comma-separated list") {
      @Override
      public List<String> parse(String raw) {
        return splitList(raw);
      }
    };
  }

  /** A comma-separated list checked element by element. */
  public static ValueType<List<String>> list(String allowed, Function<String, Boolean> check) {
    return new ValueType<>(allowed) {
      @Override
      public List<String> parse(String raw) {
        List<String> values = splitList(raw);
        for (String value : values) {
          if (!check.apply(value)) {
            throw new IllegalArgumentException();
          }
        }
        return values;
      }
    };
  }

  /** A duration such as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h} or {@code 7d}; a bare number means milliseconds. */
  public static ValueType<Duration> duration() {
    return new ValueType<>("a duration such as 250ms, 30s, 5m, 2h or 7d") {
      @Override
      public Duration parse(String raw) {
        Duration value = parseDuration(raw);
        if (value.isNegative()) {
          throw new IllegalArgumentException();
        }
        return value;
      }
    };
  }

  /** A duration greater than zero, such as {@code 250ms}, {@code 30s} or {@code 5m}. */
  public static ValueType<Duration> positiveDuration() {
    return new ValueType<>("a duration greater than zero such as 250ms, 30s, 5m, 2h or 7d") {
      @Override
      public Duration parse(String raw) {
        Duration value = parseDuration(raw);
        if (value.isNegative() || value.isZero()) {
          throw new IllegalArgumentException();
        }
        return value;
      }
    };
  }

  /**
   * A comma-separated list of e-mail addresses such as {@code ops@example.com}, each strictly parsed as in
   * {@link #emailAddress()}.
   */
  public static ValueType<List<String>> emailAddresses() {
    return list("a comma-separated list of e-mail addresses such as ops@example.com (no line breaks or control characters)",
        ValueType::isEmailAddress);
  }

  /**
   * One e-mail address, strictly parsed (RFC 822): {@code ops@example.com} or {@code Ops <ops@example.com>}, with
   * a domain, no group, no line breaks or other control characters, at most 320 characters. Empty means not set.
   */
  public static ValueType<String> emailAddress() {
    return new ValueType<>("one e-mail address such as chatlens@example.com or ChatLens <chatlens@example.com> "
        + "(no line breaks or control characters)") {
      @Override
      public String parse(String raw) {
        String value = raw.trim();
        if (!value.isEmpty() && !isEmailAddress(value)) {
          throw new IllegalArgumentException();
        }
        return value;
      }
    };
  }

  /** Whether this is exactly one strictly valid address (see {@link #emailAddress()}). */
  public static boolean isEmailAddress(String value) {
    if (value.isEmpty() || value.length() > 320) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return false;
      }
    }
    try {
      jakarta.mail.internet.InternetAddress address = new jakarta.mail.internet.InternetAddress(value, true);
      address.validate();
      String spec = address.getAddress();
      int at = spec.lastIndexOf('@');
      return !address.isGroup() && at > 0 && at < spec.length() - 1;
    } catch (jakarta.mail.internet.AddressException | RuntimeException invalid) {
      return false;
    }
  }

  /** A size such as {@code 100MB}, {@code 512KB} or {@code 1GB}; a bare number means bytes. */
  public static ValueType<Long> size() {
    return new ValueType<>("a size such as 512KB, 100MB or 1GB") {
      @Override
      public Long parse(String raw) {
        String value = raw.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        for (String[] suffix : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
          if (value.endsWith(suffix[0])) {
            unit = Long.parseLong(suffix[1]);
            value = value.substring(0, value.length() - suffix[0].length());
            break;
          }
        }
        long number = Long.parseLong(value);
        if (number < 0) {
          throw new IllegalArgumentException();
        }
        return Math.multiplyExact(number, unit);
      }
    };
  }

  /**
   * A POSIX permission mode written in octal, such as {@code 0640}: three octal digits, optionally after a
   * leading 0, at most 0777, that grant the owner at least {@code ownerNeeds} (e.g. {@code rw} for a file
   * the agent writes, {@code rwx} for a directory it writes into).
   */
  public static ValueType<java.util.Set<java.nio.file.attribute.PosixFilePermission>> fileMode(String ownerNeeds) {
    String example = ownerNeeds.length() == 3 ? "0750" : "0640";
    return new ValueType<>("an octal mode such as " + example + " (three octal digits after an optional 0, at most 0777) "
        + "that gives the owner at least " + ownerNeeds) {
      @Override
      public java.util.Set<java.nio.file.attribute.PosixFilePermission> parse(String raw) {
        String value = raw.trim();
        if (!value.matches("0?[0-7]{3}")) {
          throw new IllegalArgumentException("not an octal mode");
        }
        int mode = Integer.parseInt(value, 8);
        StringBuilder symbolic = new StringBuilder(9);
        for (int shift = 8; shift >= 0; shift--) {
          symbolic.append((mode >> shift & 1) == 0 ? '-' : "rwx".charAt((8 - shift) % 3));
        }
        if (!symbolic.substring(0, ownerNeeds.length()).equals(ownerNeeds)) {
          throw new IllegalArgumentException("the owner (the agent) needs at least " + ownerNeeds);
        }
        return java.nio.file.attribute.PosixFilePermissions.fromString(symbolic.toString());
      }
    };
  }

  /** A TCP port, 0 meaning "any free port". */
  public static ValueType<Integer> port() {
    ValueType<Integer> range = integer(0, 65535);
    return new ValueType<>("a port number from 0 to 65535") {
      @Override
      public Integer parse(String raw) {
        return range.parse(raw);
      }
    };
  }

  /** An http or https URL. */
  public static ValueType<String> url() {
    return new ValueType<>("an http:// or https:// URL") {
      @Override
      public String parse(String raw) {
        String value = raw.trim();
        java.net.URI uri;
        try {
          uri = new java.net.URI(value);
        } catch (java.net.URISyntaxException invalid) {
          // the parser's message repeats the whole URL, which may hold a secret (a webhook token, a DSN key)
          throw new IllegalArgumentException("not a valid URL: " + invalid.getReason() + " at character "
              + invalid.getIndex());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
          throw new IllegalArgumentException();
        }
        return value;
      }
    };
  }

  /** {@code Class#method,method} patterns separated by {@code ;}. */
  public static ValueType<List<MethodPattern>> methodPatterns() {
    return new ValueType<>("method patterns Class#method[,method...] separated by ';', with * as wildcard, "
        + "e.g. com.acme.chat.SessionManager#create*,update*") {
      @Override
      public List<MethodPattern> parse(String raw) {
        return MethodPattern.parseAll(raw);
      }
    };
  }

  /** A value path such as {@code arg0}, {@code arg1.userId}, {@code return.id} or {@code return.size()}. */
  public static ValueType<Accessor> accessor() {
    return new ValueType<>("a value path: arg0..argN, return or this, then .property or .getter() steps, "
        + "e.g. arg1.userId or return.size()") {
      @Override
      public Accessor parse(String raw) {
        return raw.isBlank() ? null : Accessor.parse(raw);
      }
    };
  }

  /** {@code category:rule,rule;category:rule}, checked by the error categorizer itself. */
  public static ValueType<String> errorCategories() {
    return new ValueType<>("category:rule,rule;category:rule where a rule is a class name, a glob like *Timeout* "
        + "or message~text") {
      @Override
      public String parse(String raw) {
        if (!raw.isBlank()) {
          ErrorCategorizer.withRules(raw);
        }
        return raw.trim();
      }
    };
  }

  /** {@code label=regex;label=regex}, compiled to check it. */
  public static ValueType<String> redactionPatterns() {
    return new ValueType<>("label=regex pairs separated by ';', with valid Java regular expressions") {
      @Override
      public String parse(String raw) {
        if (!raw.isBlank()) {
          io.chatlens.agent.redaction.RedactionConfig.parsePatterns(raw);
        }
        return raw.trim();
      }
    };
  }

  static List<String> splitList(String raw) {
    List<String> values = new ArrayList<>();
    for (String part : raw.split(",")) {
      String value = part.trim();
      if (!value.isEmpty()) {
        values.add(value);
      }
    }
    return Collections.unmodifiableList(values);
  }

  static Duration parseDuration(String raw) {
    return io.chatlens.instrumentation.core.DurationText.parse(raw);
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
