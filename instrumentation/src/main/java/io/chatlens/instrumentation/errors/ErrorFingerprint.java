package io.chatlens.instrumentation.errors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A short id for "the same error", stable across runs, JVMs and deploys: 16 lower-case hex characters of the
 * SHA-256 of
 *
 * <ul>
 *   <li>the type chain: the class names from the outermost throwable through its causes to the root cause (at most 10,
 *       a cause cycle ends the chain);</li>
 *   <li>the top {@value #FRAME_COUNT} in-app frames of the root cause as {@code class.method}, without file names or
 *       line numbers. When the root cause has no in-app frame, its wrappers are tried from the nearest to the
 *       outermost; when no throwable has one, the top frames are used whatever they are;</li>
 *   <li>the {@linkplain MessageTemplate template} of the root cause's message.</li>
 * </ul>
 *
 * <p>Class and method names are taken in a stable form, so generated names do not split one error into many:
 * {@code lambda$handle$12} is {@code lambda$handle}, {@code Foo$$Lambda$123/0x…} is {@code Foo$$Lambda},
 * {@code jdk.proxy2.$Proxy42} is {@code $Proxy}, CGLIB, ByteBuddy and Hibernate proxies of {@code Foo} are
 * {@code Foo}, {@code GeneratedMethodAccessor17} is {@code GeneratedMethodAccessor} and the anonymous class
 * {@code Foo$3} is {@code Foo$<anon>}. A frame is in-app when its class is not in the JDK or a common library or,
 * when app packages are configured, when its class is under one of them; generated classes never are.
 *
 * <p>Instances are immutable and thread-safe. No method throws: odd input gives a best-effort result.
 */
public final class ErrorFingerprint {

  /** How many in-app frames take part in a fingerprint. */
  public static final int FRAME_COUNT = 3;

  private static final ErrorFingerprint DEFAULT = new ErrorFingerprint(List.of());

  private final AppFrames appFrames;

  private ErrorFingerprint(Collection<String> appPackagePrefixes) {
    this.appFrames = new AppFrames(appPackagePrefixes);
  }

  /** The fingerprint of an error, with in-app frames told apart from library frames by the built-in list. */
  public static String of(Throwable error) {
    return DEFAULT.fingerprint(error);
  }

  /** Fingerprints whose in-app frames are those not in the JDK or a common library. */
  public static ErrorFingerprint defaults() {
    return DEFAULT;
  }

  /**
   * Fingerprints whose in-app frames are those whose class is under one of {@code appPackagePrefixes}
   * ({@code com.acme} covers {@code com.acme.bot.Handler}). Null, empty or blank prefixes are ignored; with none
   * left this is {@link #defaults()}.
   */
  public static ErrorFingerprint forAppPackages(Collection<String> appPackagePrefixes) {
    return new ErrorFingerprint(appPackagePrefixes);
  }

  /** The fingerprint of an error: 16 lower-case hex characters. */
  public String fingerprint(Throwable error) {
    return describe(error).fingerprint();
  }

  /** The pieces a fingerprint is made of; for {@code null}, empty pieces. */
  public Details describe(Throwable error) {
    if (error == null) {
      return new Details(List.of(), List.of(), "");
    }
    try {
      List<Throwable> chain = CauseChain.of(error);
      List<String> types = new ArrayList<>(chain.size());
      for (Throwable throwable : chain) {
        types.add(GeneratedNames.className(throwable.getClass().getName()));
      }
      Throwable root = chain.get(chain.size() - 1);
      return new Details(types, appFrames.select(chain, FRAME_COUNT),
          MessageTemplate.of(CauseChain.messageOf(root)));
    } catch (RuntimeException e) {
      return new Details(List.of(GeneratedNames.className(error.getClass().getName())), List.of(), "");
    }
  }

  /**
   * The pieces of a fingerprint.
   *
   * @param typeChain the stable class names from the outermost throwable to the root cause
   * @param frames the chosen frames as {@code class.method}, top first
   * @param messageTemplate the template of the root cause's message; empty when it has none
   */
  public record Details(List<String> typeChain, List<String> frames, String messageTemplate) {

    private static final String VERSION = "chatlens-error-fingerprint-v1";

    /** Copies the lists; {@code null} pieces become empty ones. */
    public Details {
      typeChain = copyOf(typeChain);
      frames = copyOf(frames);
      messageTemplate = messageTemplate == null ? "" : messageTemplate;
    }

    /** The fingerprint of these pieces: 16 lower-case hex characters of the SHA-256 of {@link #canonical()}. */
    public String fingerprint() {
      return FingerprintHash.of(canonical());
    }

    /**
     * The text that is hashed: a version line, then {@code types:}, {@code frames:} and {@code message:} lines.
     * Class names cannot contain a comma or a line break, so the lists are joined with commas.
     */
    public String canonical() {
      return VERSION + "\ntypes:" + String.join(",", typeChain) + "\nframes:" + String.join(",", frames)
          + "\nmessage:" + messageTemplate;
    }

    private static List<String> copyOf(List<String> names) {
      if (names == null) {
        return List.of();
      }
      List<String> copy = new ArrayList<>(names.size());
      for (String name : names) {
        copy.add(name == null ? "" : name);
      }
      return List.copyOf(copy);
    }
  }
}
