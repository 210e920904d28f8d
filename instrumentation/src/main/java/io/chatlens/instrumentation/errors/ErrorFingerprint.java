package io.chatlens.instrumentation.errors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A short id for "the same error", stable across runs, JVMs and deploys, grouped the way Sentry groups: 16
 * lower-case hex characters of the SHA-256 of
 *
 * <ul>
 *   <li>the type chain: the class names from the outermost throwable through its causes to the root cause (at most 10,
 *       a cause cycle ends the chain);</li>
 *   <li>the top {@value #FRAME_COUNT} in-app frames of the root cause as {@code class.method}, without file names or
 *       line numbers. When the root cause has no in-app frame, its wrappers are tried from the nearest to the
 *       outermost; when no throwable has one, the top frames are used whatever they are;</li>
 *   <li>the {@linkplain MessageTemplate template} of the root cause's message, <em>only</em> when no in-app frame was
 *       found (no stack trace, or only library frames) or when {@link Grouping#FRAMES_AND_MESSAGE} was chosen. With
 *       in-app frames the message is left out: a throw site whose message carries what the user typed
 *       ({@code "unknown command: " + command}) is one group, whatever the users type.</li>
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

  /** What takes part in a fingerprint besides the type chain and the frames ({@code chatlens.errors.fingerprint}). */
  public enum Grouping {
    /** The message template only when there is no in-app frame (Sentry's rule; the default). */
    FRAMES,
    /** The message template always: one throw site with differently worded messages gives several groups. */
    FRAMES_AND_MESSAGE
  }

  private static final ErrorFingerprint DEFAULT = new ErrorFingerprint(List.of(), Grouping.FRAMES);

  private final AppFrames appFrames;
  private final Grouping grouping;

  private ErrorFingerprint(Collection<String> appPackagePrefixes, Grouping grouping) {
    this.appFrames = new AppFrames(appPackagePrefixes);
    this.grouping = grouping == null ? Grouping.FRAMES : grouping;
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
    return new ErrorFingerprint(appPackagePrefixes, Grouping.FRAMES);
  }

  /** As {@link #forAppPackages(Collection)}, with the message template taking part as {@code grouping} says. */
  public static ErrorFingerprint of(Collection<String> appPackagePrefixes, Grouping grouping) {
    return new ErrorFingerprint(appPackagePrefixes, grouping);
  }

  /** A copy of an error's chain with in-app frames marked as this fingerprint tells them apart. */
  public List<CapturedError.Thrown> copyChain(Throwable error) {
    return CapturedError.copyChain(error, appFrames);
  }

  /** The fingerprint of an error: 16 lower-case hex characters. */
  public String fingerprint(Throwable error) {
    return describe(error).fingerprint();
  }

  /** The pieces a fingerprint is made of; for {@code null}, empty pieces. */
  public Details describe(Throwable error) {
    if (error == null) {
      return new Details(List.of(), List.of(), "", false);
    }
    try {
      List<Throwable> chain = CauseChain.of(error);
      List<String> types = new ArrayList<>(chain.size());
      for (Throwable throwable : chain) {
        types.add(GeneratedNames.className(throwable.getClass().getName()));
      }
      Throwable root = chain.get(chain.size() - 1);
      AppFrames.Selection frames = appFrames.select(chain, FRAME_COUNT);
      boolean withMessage = !frames.inApp() || grouping == Grouping.FRAMES_AND_MESSAGE;
      return new Details(types, frames.frames(),
          withMessage ? MessageTemplate.of(CauseChain.messageOf(root)) : "", frames.inApp());
    } catch (RuntimeException e) {
      return new Details(List.of(GeneratedNames.className(error.getClass().getName())), List.of(), "", false);
    }
  }

  /**
   * The pieces of a fingerprint.
   *
   * @param typeChain the stable class names from the outermost throwable to the root cause
   * @param frames the chosen frames as {@code class.method}, top first
   * @param messageTemplate the template of the root cause's message when it takes part; empty when it has none or
   *     when in-app frames identify the error
   * @param inAppFrames whether {@code frames} are in-app frames
   */
  public record Details(List<String> typeChain, List<String> frames, String messageTemplate, boolean inAppFrames) {

    private static final String VERSION = "chatlens-error-fingerprint-v2";

    /** Copies the lists; {@code null} pieces become empty ones. */
    public Details {
      typeChain = copyOf(typeChain);
      frames = copyOf(frames);
      messageTemplate = messageTemplate == null ? "" : messageTemplate;
    }

    /** The top frame as {@code class.method}: where the error happened; empty when there is none. */
    public String topFrame() {
      return frames.isEmpty() ? "" : frames.get(0);
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
