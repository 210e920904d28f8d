package io.chatlens.instrumentation.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorFingerprintTest {

  private static final String HEX16 = "[0-9a-f]{16}";

  @Test
  void isSixteenLowerCaseHexCharacters() {
    assertThat(ErrorFingerprint.of(botError("boom", 10))).matches(HEX16);
  }

  @Test
  void isAFixedValueForAFixedError() {
    IllegalStateException error = withFrames(new IllegalStateException("Session sess-4f1c expired after 30 s"),
        frame("com.acme.bot.SessionStore", "lookup", 42),
        frame("com.acme.bot.ChatHandler", "lambda$handle$3", 17),
        frame("com.acme.bot.ChatHandler", "handle", 12),
        frame("com.acme.bot.Main", "main", 5));

    ErrorFingerprint.Details details = ErrorFingerprint.defaults().describe(error);

    // in-app frames identify the error: the message takes no part (Sentry's rule)
    assertThat(details.canonical()).isEqualTo("chatlens-error-fingerprint-v2\n"
        + "types:java.lang.IllegalStateException\n"
        + "frames:com.acme.bot.SessionStore.lookup,com.acme.bot.ChatHandler.lambda$handle,"
        + "com.acme.bot.ChatHandler.handle\n"
        + "message:");
    assertThat(details.inAppFrames()).isTrue();
    assertThat(details.topFrame()).isEqualTo("com.acme.bot.SessionStore.lookup");
    // First 16 hex characters of the SHA-256 of the canonical text above (checked with sha256sum).
    assertThat(ErrorFingerprint.of(error)).isEqualTo("a3ad0e40fb2b0e4e");
  }

  @Test
  void withMessageGroupingTheTemplateTakesPartToo() {
    IllegalStateException error = withFrames(new IllegalStateException("Session sess-4f1c expired after 30 s"),
        frame("com.acme.bot.SessionStore", "lookup", 42));
    ErrorFingerprint withMessage = ErrorFingerprint.of(List.of(), ErrorFingerprint.Grouping.FRAMES_AND_MESSAGE);

    assertThat(withMessage.describe(error).messageTemplate()).isEqualTo("Session sess-<id> expired after <n> s");
    assertThat(withMessage.fingerprint(error))
        .isNotEqualTo(withMessage.fingerprint(withFrames(new IllegalStateException("Session closed"),
            frame("com.acme.bot.SessionStore", "lookup", 42))))
        .isNotEqualTo(ErrorFingerprint.of(error));
  }

  @Test
  void ignoresLineNumbersAndFileNames() {
    Throwable first = withFrames(new IllegalStateException("boom"),
        new StackTraceElement("com.acme.Bot", "reply", "Bot.java", 10),
        new StackTraceElement("com.acme.Bot", "handle", "Bot.java", 20));
    Throwable second = withFrames(new IllegalStateException("boom"),
        new StackTraceElement("com.acme.Bot", "reply", "Bot.kt", 99),
        new StackTraceElement("com.acme.Bot", "handle", null, -1));

    assertThat(ErrorFingerprint.of(first)).isEqualTo(ErrorFingerprint.of(second));
  }

  @Test
  void sameErrorThrownFromTwoLinesOfOneMethodHasOneFingerprint() {
    ErrorFingerprint fingerprints = ErrorFingerprint.forAppPackages(List.of("io.chatlens.instrumentation.errors"));

    Throwable fromFirstLine = catchThrowable(() -> failFrom(true, 7));
    Throwable fromSecondLine = catchThrowable(() -> failFrom(false, 8));

    assertThat(fromFirstLine.getStackTrace()[0].getLineNumber())
        .isNotEqualTo(fromSecondLine.getStackTrace()[0].getLineNumber());
    assertThat(fingerprints.fingerprint(fromFirstLine)).isEqualTo(fingerprints.fingerprint(fromSecondLine));
    assertThat(fingerprints.describe(fromFirstLine).frames())
        .startsWith(ErrorFingerprintTest.class.getName() + ".failFrom");
  }

  @Test
  void ignoresLambdaProxyAndAnonymousClassNumbers() {
    Throwable first = withFrames(new IllegalStateException("boom"),
        frame("com.acme.Bot$$Lambda$123/0x0000000800c0b8c8", "apply", 1),
        frame("com.acme.Bot", "lambda$handle$12", 2),
        frame("com.acme.Bot$3", "run", 3),
        frame("com.acme.Bot$$SpringCGLIB$$0", "handle", 4));
    Throwable second = withFrames(new IllegalStateException("boom"),
        frame("com.acme.Bot$$Lambda/0x000001f0a1b2c3d4", "apply", 1),
        frame("com.acme.Bot", "lambda$handle$0", 2),
        frame("com.acme.Bot$7", "run", 3),
        frame("com.acme.Bot$$EnhancerBySpringCGLIB$$1a2b3c", "handle", 4));

    assertThat(ErrorFingerprint.of(first)).isEqualTo(ErrorFingerprint.of(second));
    assertThat(ErrorFingerprint.defaults().describe(first).frames())
        .containsExactly("com.acme.Bot.lambda$handle", "com.acme.Bot$<anon>.run");
  }

  @Test
  void ignoresProxyAndAccessorNumbersWhenOnlyGeneratedFramesExist() {
    Throwable first = withFrames(new IllegalStateException("boom"),
        frame("jdk.proxy2.$Proxy42", "send", 1),
        frame("jdk.internal.reflect.GeneratedMethodAccessor17", "invoke", 2),
        frame("java.lang.reflect.Method", "invoke", 3));
    Throwable second = withFrames(new IllegalStateException("boom"),
        frame("com.sun.proxy.$Proxy7", "send", 1),
        frame("jdk.internal.reflect.GeneratedMethodAccessor3", "invoke", 2),
        frame("java.lang.reflect.Method", "invoke", 3));

    assertThat(ErrorFingerprint.of(first)).isEqualTo(ErrorFingerprint.of(second));
    assertThat(ErrorFingerprint.defaults().describe(first).frames()).containsExactly("$Proxy.send",
        "jdk.internal.reflect.GeneratedMethodAccessor.invoke", "java.lang.reflect.Method.invoke");
  }

  @Test
  void ignoresVariableDataInTheMessage() {
    Throwable first = botError("Session 123e4567-e89b-12d3-a456-426614174000 of 'alice' expired after 3 tries", 10);
    Throwable second = botError("Session 9b2f0c1e-0000-4000-8000-00000000abcd of 'bob' expired after 12 tries", 11);

    assertThat(ErrorFingerprint.of(first)).isEqualTo(ErrorFingerprint.of(second));
  }

  @Test
  void oneThrowSiteWithAnyUserInputIsOneGroup() {
    // throw new UnknownIntentException("unknown command: " + command), whatever the users typed
    java.util.Set<String> fingerprints = new java.util.HashSet<>();
    for (String typed : List.of("/serch", "/frobnicate", "/hist", "/help me", "ask what?", "/", "/sarch 42 things")) {
      fingerprints.add(ErrorFingerprint.of(botError("unknown command: " + typed, 10)));
    }
    assertThat(fingerprints).hasSize(1);
  }

  @Test
  void differentMessageTextGivesADifferentFingerprintWithoutInAppFrames() {
    Throwable expired = withFrames(new IllegalStateException("Session expired"), frame("java.util.Objects", "x", 1));
    Throwable closed = withFrames(new IllegalStateException("Session closed"), frame("java.util.Objects", "x", 1));
    assertThat(ErrorFingerprint.of(expired)).isNotEqualTo(ErrorFingerprint.of(closed));
    assertThat(ErrorFingerprint.of(new IllegalStateException("Session expired") {
      @Override
      public synchronized Throwable fillInStackTrace() {
        return this;
      }
    })).as("no stack trace at all: the message decides").isNotEqualTo(ErrorFingerprint.of(closed));
  }

  @Test
  void differentExceptionTypesGiveDifferentFingerprints() {
    Throwable state = withFrames(new IllegalStateException("boom"), frame("com.acme.Bot", "handle", 1));
    Throwable argument = withFrames(new IllegalArgumentException("boom"), frame("com.acme.Bot", "handle", 1));

    assertThat(ErrorFingerprint.of(state)).isNotEqualTo(ErrorFingerprint.of(argument));
  }

  @Test
  void differentInAppMethodsGiveDifferentFingerprints() {
    Throwable inHandle = withFrames(new IllegalStateException("boom"), frame("com.acme.Bot", "handle", 1));
    Throwable inReply = withFrames(new IllegalStateException("boom"), frame("com.acme.Bot", "reply", 1));
    Throwable inOtherClass = withFrames(new IllegalStateException("boom"), frame("com.acme.Router", "handle", 1));

    assertThat(List.of(ErrorFingerprint.of(inHandle), ErrorFingerprint.of(inReply),
        ErrorFingerprint.of(inOtherClass))).doesNotHaveDuplicates();
  }

  @Test
  void skipsLibraryFramesOnTop() {
    Throwable viaHashMap = withFrames(new IllegalStateException("boom"),
        frame("java.util.HashMap", "get", 1),
        frame("org.springframework.util.Assert", "state", 2),
        frame("io.opentelemetry.context.Context", "wrap", 3),
        frame("com.acme.Bot", "reply", 4),
        frame("com.acme.Bot", "handle", 5),
        frame("com.acme.Main", "main", 6),
        frame("com.acme.Launcher", "start", 7));
    Throwable viaOtherLibraries = withFrames(new IllegalStateException("boom"),
        frame("org.apache.commons.lang3.Validate", "isTrue", 1),
        frame("com.acme.Bot", "reply", 4),
        frame("kotlin.jvm.internal.Intrinsics", "check", 3),
        frame("com.acme.Bot", "handle", 5),
        frame("com.acme.Main", "main", 6));

    assertThat(ErrorFingerprint.defaults().describe(viaHashMap).frames())
        .containsExactly("com.acme.Bot.reply", "com.acme.Bot.handle", "com.acme.Main.main");
    assertThat(ErrorFingerprint.of(viaHashMap)).isEqualTo(ErrorFingerprint.of(viaOtherLibraries));
  }

  @Test
  void configuredAppPackagesAreTheOnlyInAppFrames() {
    Throwable error = withFrames(new IllegalStateException("boom"),
        frame("com.acme.commons.Strings", "check", 1),
        frame("io.chatlens.demo.Bot", "handle", 2),
        frame("com.acme.bot.Router", "route", 3),
        frame("com.acme.botany.Plant", "grow", 4));

    ErrorFingerprint.Details details = ErrorFingerprint.forAppPackages(List.of(" com.acme.bot ", "", "io.chatlens."))
        .describe(error);

    assertThat(details.frames()).containsExactly("io.chatlens.demo.Bot.handle", "com.acme.bot.Router.route");
    assertThat(ErrorFingerprint.forAppPackages(List.of()).describe(error).frames())
        .containsExactly("com.acme.commons.Strings.check", "com.acme.bot.Router.route", "com.acme.botany.Plant.grow");
  }

  @Test
  void usesTheTopFramesWhenNoFrameIsInApp() {
    Throwable error = withFrames(new IllegalStateException("boom"),
        frame("java.util.Objects", "requireNonNull", 1),
        frame("org.springframework.web.Handler", "handle", 2),
        frame("java.lang.Thread", "run", 3),
        frame("java.lang.Thread", "start", 4));

    assertThat(ErrorFingerprint.defaults().describe(error).frames()).containsExactly(
        "java.util.Objects.requireNonNull", "org.springframework.web.Handler.handle", "java.lang.Thread.run");
  }

  @Test
  void describesTheCauseChainFromOutermostToRoot() {
    SQLException root = withFrames(new SQLException("Table 'users' is locked by 2 sessions"),
        frame("org.h2.Engine", "execute", 1),
        frame("com.acme.bot.UserRepository", "find", 2));
    UncheckedIOException middle = withFrames(new UncheckedIOException("io", new IOException(root)),
        frame("com.acme.bot.Cache", "load", 3));
    IllegalStateException outer = withFrames(new IllegalStateException("Request failed", middle),
        frame("com.acme.bot.ChatHandler", "handle", 4));

    ErrorFingerprint.Details details = ErrorFingerprint.defaults().describe(outer);

    assertThat(details.typeChain()).containsExactly("java.lang.IllegalStateException",
        "java.io.UncheckedIOException", "java.io.IOException", "java.sql.SQLException");
    assertThat(details.frames()).containsExactly("com.acme.bot.UserRepository.find");
    assertThat(details.messageTemplate()).as("in-app frames found: no message").isEmpty();
    assertThat(ErrorFingerprint.of(List.of(), ErrorFingerprint.Grouping.FRAMES_AND_MESSAGE).describe(outer)
        .messageTemplate()).isEqualTo("Table <str> is locked by <n> sessions");
  }

  @Test
  void sameRootButDifferentWrappersGiveDifferentFingerprints() {
    Throwable root = botError("boom", 1);

    assertThat(ErrorFingerprint.of(new IllegalStateException(root)))
        .isNotEqualTo(ErrorFingerprint.of(new ExecutionException(root)))
        .isNotEqualTo(ErrorFingerprint.of(root));
  }

  @Test
  void framesOfWrappersDoNotMatterWhenTheRootHasInAppFrames() {
    Throwable first = withFrames(new IllegalStateException("wrapped", botError("boom", 1)),
        frame("com.acme.Outer", "first", 1));
    Throwable second = withFrames(new IllegalStateException("wrapped", botError("boom", 2)),
        frame("com.acme.Outer", "second", 1));

    assertThat(ErrorFingerprint.of(first)).isEqualTo(ErrorFingerprint.of(second));
  }

  @Test
  void fallsBackToTheNearestWrapperWithInAppFramesWhenTheRootHasNone() {
    IOException root = withFrames(new IOException("Broken pipe"), frame("java.net.Socket", "write", 1));
    IllegalStateException middle = withFrames(new IllegalStateException("send failed", root),
        frame("io.netty.Channel", "write", 1));
    RuntimeException outer = withFrames(new RuntimeException("reply failed", middle),
        frame("com.acme.bot.Replier", "reply", 1));

    ErrorFingerprint.Details details = ErrorFingerprint.defaults().describe(outer);

    assertThat(details.frames()).containsExactly("com.acme.bot.Replier.reply");
    assertThat(details.inAppFrames()).isTrue();
    assertThat(details.messageTemplate()).isEmpty();
  }

  @Test
  void survivesCauseCycles() {
    IllegalStateException first = withFrames(new IllegalStateException("first"), frame("com.acme.A", "a", 1));
    IllegalArgumentException second = withFrames(new IllegalArgumentException("second"), frame("com.acme.B", "b", 1));
    first.initCause(second);
    second.initCause(first);

    ErrorFingerprint.Details details = ErrorFingerprint.defaults().describe(first);

    assertThat(details.typeChain())
        .containsExactly("java.lang.IllegalStateException", "java.lang.IllegalArgumentException");
    assertThat(details.frames()).containsExactly("com.acme.B.b");
    assertThat(ErrorFingerprint.of(first)).matches(HEX16);
  }

  @Test
  void readsAtMostTenThrowablesOfTheChain() {
    Throwable error = botError("root", 1);
    for (int i = 0; i < 14; i++) {
      error = new IllegalStateException("level " + i, error);
    }

    assertThat(ErrorFingerprint.defaults().describe(error).typeChain())
        .hasSize(10)
        .containsOnly("java.lang.IllegalStateException");
  }

  @Test
  void anonymousExceptionClassesAreStable() {
    Throwable first = withFrames(new IllegalStateException("boom") {}, frame("com.acme.Bot", "handle", 1));
    Throwable second = withFrames(new IllegalStateException("boom") {}, frame("com.acme.Bot", "handle", 1));

    assertThat(first.getClass()).isNotEqualTo(second.getClass());
    assertThat(ErrorFingerprint.defaults().describe(first).typeChain())
        .containsExactly(ErrorFingerprintTest.class.getName() + "$<anon>");
    assertThat(ErrorFingerprint.of(first)).isEqualTo(ErrorFingerprint.of(second));
  }

  @Test
  void nullMessageGivesAnEmptyTemplate() {
    Throwable error = withFrames(new NullPointerException(), frame("com.acme.Bot", "handle", 1));

    ErrorFingerprint.Details details = ErrorFingerprint.defaults().describe(error);

    assertThat(details.messageTemplate()).isEmpty();
    assertThat(details.fingerprint()).matches(HEX16).isEqualTo(ErrorFingerprint.of(error));
  }

  @Test
  void emptyStackTraceStillGivesAFingerprint() {
    Throwable error = new RuntimeException("boom", null, false, false) {};

    assertThat(ErrorFingerprint.defaults().describe(error).frames()).isEmpty();
    assertThat(ErrorFingerprint.of(error)).matches(HEX16);
  }

  @Test
  void nullErrorGivesTheFingerprintOfEmptyDetails() {
    assertThat(ErrorFingerprint.of(null))
        .matches(HEX16)
        .isEqualTo(new ErrorFingerprint.Details(null, null, null, false).fingerprint());
  }

  @Test
  void misbehavingThrowablesDoNotBreakFingerprinting() {
    Throwable hostile = new IllegalStateException("boom") {
      @Override
      public String getMessage() {
        throw new UnsupportedOperationException("no message");
      }

      @Override
      public synchronized Throwable getCause() {
        throw new UnsupportedOperationException("no cause");
      }

      @Override
      public StackTraceElement[] getStackTrace() {
        throw new UnsupportedOperationException("no stack");
      }
    };

    ErrorFingerprint.Details details = ErrorFingerprint.defaults().describe(hostile);

    assertThat(details.typeChain()).containsExactly(ErrorFingerprintTest.class.getName() + "$<anon>");
    assertThat(details.frames()).isEmpty();
    assertThat(details.messageTemplate()).isEmpty();
    assertThat(ErrorFingerprint.of(hostile)).matches(HEX16);
  }

  @Test
  void detailsCopyTheirLists() {
    List<String> types = new java.util.ArrayList<>(List.of("java.lang.IllegalStateException"));
    ErrorFingerprint.Details details = new ErrorFingerprint.Details(types, List.of("com.acme.Bot.handle"), "boom",
        true);
    String before = details.fingerprint();

    types.add("java.io.IOException");

    assertThat(details.typeChain()).containsExactly("java.lang.IllegalStateException");
    assertThat(details.fingerprint()).isEqualTo(before);
  }

  private static void failFrom(boolean firstLine, int attempt) {
    if (firstLine) {
      throw new IllegalStateException("Attempt " + attempt + " failed");
    }
    throw new IllegalStateException("Attempt " + attempt + " failed");
  }

  private static IllegalStateException botError(String message, int line) {
    return withFrames(new IllegalStateException(message),
        frame("org.springframework.util.Assert", "state", line),
        frame("com.acme.bot.SessionStore", "lookup", line + 1),
        frame("com.acme.bot.ChatHandler", "handle", line + 2));
  }

  private static StackTraceElement frame(String className, String method, int line) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return new StackTraceElement(className, method, simple + ".java", line);
  }

  private static <T extends Throwable> T withFrames(T error, StackTraceElement... frames) {
    error.setStackTrace(frames);
    return error;
  }

  @org.junit.jupiter.api.Test
  void theHashIsTheSha256PrefixAlsoWhenRememberedAndAfterTheCacheIsEmptied() throws Exception {
    for (int i = 0; i < 2_500; i++) {
      String canonical = "com.acme.Failure|com.acme.Service.call|" + (i % 1_500);
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String expected = java.util.HexFormat.of().formatHex(digest, 0, 8);
      org.assertj.core.api.Assertions.assertThat(FingerprintHash.of(canonical)).isEqualTo(expected);
      org.assertj.core.api.Assertions.assertThat(FingerprintHash.of(canonical)).isEqualTo(expected);
    }
  }
}
