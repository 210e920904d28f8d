package io.chatlens.instrumentation.llm;

import io.chatlens.instrumentation.accessor.Accessor;
import io.chatlens.instrumentation.core.BaseHandler;
import io.chatlens.instrumentation.core.CallState;
import io.chatlens.instrumentation.core.ChatContext;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.JsonStrings;
import io.chatlens.instrumentation.core.Nullable;
import io.chatlens.instrumentation.core.Probe;
import io.chatlens.instrumentation.core.ProbeSemantics;
import io.chatlens.instrumentation.core.Settings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import java.util.List;
import java.util.Locale;

/**
 * One LLM call: a CLIENT span named {@code chat <model>} after the GenAI semantic conventions, its token usage and
 * cost, the {@code gen_ai.client.*} metrics and an INFO event. Everything is read after the fact from the request and
 * the response through the unit's value paths, which only read (getters, record components, fields); a value that is
 * not there is left out. Prompt and completion text are read only with {@code chatlens.capture.llm-content=true}.
 */
final class LlmHandler extends BaseHandler {

  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
  static final AttributeKey<Double> COST = AttributeKey.doubleKey("chatbot.llm.cost");
  static final AttributeKey<String> CURRENCY = AttributeKey.stringKey("currency");
  static final String CHAT = "chat";
  /** Messages of a prompt whose text is recorded with content capture; later ones are left out. */
  static final int MAX_MESSAGES = 20;
  /** Longest text recorded per message with content capture. */
  static final int MAX_TEXT = 4_000;

  /** The unit's configuration. */
  record Options(boolean captureContent, Prices prices, String currency, String provider, Accessor requestModel,
      Accessor responseModel, Accessor inputTokens, Accessor outputTokens, Accessor finishReason, Accessor inputText,
      Accessor outputText) {}

  /**
   * The JDK lists the prompt is read from (by index, at most {@link #MAX_MESSAGES}, only with content capture on): plain
   * lists, and the unmodifiable views libraries hand out (LangChain4j's ChatRequest.messages()). A synchronized or
   * checked wrapper, or any other collection class, is never read.
   */
  static final java.util.Set<String> PLAIN_LISTS = java.util.Set.of("java.util.ArrayList",
      "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableList",
      "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12", "java.util.Arrays$ArrayList",
      "java.util.Collections$SingletonList", "java.util.Collections$EmptyList",
      "java.util.concurrent.CopyOnWriteArrayList");

  /** The requested model, read once before the call. */
  private static final CallState<String> REQUESTED_MODEL = CallState.of("llm requested model", String.class);

  private static final Accessor MESSAGE_TEXT = Accessor.parse("arg0.singleText | arg0.text | arg0.content");

  private final Options options;
  private final DoubleHistogram duration;
  private final LongHistogram tokens;
  private final DoubleCounter cost;

  LlmHandler(Instruments instruments, Events events, Settings settings, Options options) {
    super(instruments, events, settings);
    this.options = options;
    this.duration = instruments.meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
        .setDescription("Duration of LLM calls (GenAI semantic conventions).")
        .setExplicitBucketBoundariesAdvice(List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
            20.48, 40.96, 81.92))
        .build();
    this.tokens = instruments.meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
        .setDescription("Tokens per LLM call, by gen_ai.token.type input or output (GenAI semantic conventions).")
        .setExplicitBucketBoundariesAdvice(List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L,
            1048576L, 4194304L, 16777216L, 67108864L))
        .build();
    this.cost = instruments.meter.counterBuilder("chatbot.llm.cost").ofDoubles().setUnit("{cost}")
        .setDescription("Cost of LLM calls from chatlens.llm.prices, in the currency of the currency label.")
        .build();
  }

  @Override
  protected SpanKind kind(Probe probe) {
    return SpanKind.CLIENT;
  }

  @Override
  protected void addAttributes(Probe probe, AttributesBuilder attributes) {
    attributes.put(OPERATION, CHAT).put(PROVIDER, providerOf(probe));
  }

  /** Reads the requested model once, before the call, and keeps it for the rest of the call. */
  @Override
  public @Nullable String spanName(Invocation invocation, ProbeSemantics semantics) {
    String model = text(options.requestModel().readBeforeReturn(invocation.self(), invocation.args()));
    invocation.put(REQUESTED_MODEL, model);
    return model == null ? CHAT : CHAT + " " + model;
  }

  @Override
  public void startAttributes(Invocation invocation, SpanBuilder span) {
    String model = invocation.get(REQUESTED_MODEL);
    if (model != null) {
      span.setAttribute(REQUEST_MODEL, model);
    }
  }

  @Override
  public void onEnter(Invocation invocation) {}

  @Override
  public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {
    Object self = invocation.self();
    Object[] args = invocation.args();
    String provider = providerOf(invocation.probe());
    String requestModel = invocation.get(REQUESTED_MODEL);
    AttributesBuilder labels = Attributes.builder().put(OPERATION, CHAT).put(PROVIDER, provider);
    if (requestModel != null) {
      labels.put(REQUEST_MODEL, requestModel);
    }
    if (thrown != null) {
      labels.put(Instruments.ERROR_TYPE, thrown.getClass().getName());
      duration.record(seconds(durationNanos), labels.build());
      return;
    }
    String responseModel = text(options.responseModel().read(self, args, returned));
    long input = count(options.inputTokens().read(self, args, returned));
    long output = count(options.outputTokens().read(self, args, returned));
    String finish = finishReason(options.finishReason().read(self, args, returned));
    if (responseModel != null) {
      labels.put(RESPONSE_MODEL, responseModel);
    }
    Attributes common = labels.build();
    duration.record(seconds(durationNanos), common);
    if (input >= 0) {
      tokens.record(input, common.toBuilder().put(TOKEN_TYPE, "input").build());
    }
    if (output >= 0) {
      tokens.record(output, common.toBuilder().put(TOKEN_TYPE, "output").build());
    }
    String pricedModel = responseModel != null ? responseModel : requestModel;
    double spent = options.prices().cost(pricedModel, input, output);
    boolean priced = (input >= 0 || output >= 0) && options.prices().of(pricedModel) != null;
    if (priced) {
      // the model that answered; the requested one, under its own key, when the response does not say
      cost.add(spent, Attributes.builder().put(PROVIDER, provider).put(CURRENCY, options.currency())
          .put(responseModel != null ? RESPONSE_MODEL : REQUEST_MODEL, pricedModel).build());
    }
    if (!invocation.essentialAttributesOnly()) {
      io.opentelemetry.api.trace.Span span = invocation.span();
      if (responseModel != null) {
        span.setAttribute(RESPONSE_MODEL, responseModel);
      }
      if (input >= 0) {
        span.setAttribute(INPUT_TOKENS, input);
      }
      if (output >= 0) {
        span.setAttribute(OUTPUT_TOKENS, output);
      }
      if (finish != null) {
        span.setAttribute(FINISH_REASONS, List.of(finish));
      }
      if (priced) {
        span.setAttribute(COST, spent);
      }
      if (options.captureContent()) {
        captureContent(invocation, returned, finish);
      }
    }
    ChatContext chat = invocation.chat();
    if (chat != null) {
      if (input >= 0 || output >= 0) {
        chat.addToCount("llm_tokens", Math.max(0, input) + Math.max(0, output));
      }
      if (priced) {
        chat.addToTotal("llm_cost", spent);
      }
    }
    if (events.admits(invocation, ChatEvent.Level.INFO, false)) {
      String millis = millis(durationNanos);
      String model = pricedModel != null ? pricedModel : "unknown model";
      StringBuilder message = new StringBuilder("LLM ").append(CHAT).append(' ').append(model).append(" answered in ")
          .append(millis).append(" ms");
      if (input >= 0 || output >= 0) {
        message.append(", ").append(Math.max(0, input)).append(" input + ").append(Math.max(0, output))
            .append(" output tokens");
      }
      if (priced) {
        message.append(", cost=").append(formatCost(spent)).append(' ').append(options.currency());
      }
      events.emit(invocation, ChatEvent.Level.INFO, message.toString(), null, false, "model", model, "input_tokens",
          input >= 0 ? Long.toString(input) : null, "output_tokens", output >= 0 ? Long.toString(output) : null,
          "llm_cost", priced ? formatCost(spent) : null, "duration_ms", millis);
    }
  }

  private void captureContent(Invocation invocation, Object returned, String finish) {
    Object prompt = options.inputText().readBeforeReturn(invocation.self(), invocation.args());
    StringBuilder input = new StringBuilder("[");
    if (prompt instanceof String text) {
      message(input, "user", text, null);
    } else if (prompt instanceof List<?> list && PLAIN_LISTS.contains(list.getClass().getName())) {
      // a JDK list (or an unmodifiable view of one) is read by index; an application's own collection is never read
      int shown = Math.min(list.size(), MAX_MESSAGES);
      for (int i = 0; i < shown; i++) {
        Object element = list.get(i);
        String text = element instanceof String plain ? plain : text(MESSAGE_TEXT.read(null, new Object[] {element}, null));
        if (text != null) {
          message(input, roleOf(element), text, null);
        }
      }
    }
    if (input.length() > 1) {
      invocation.span().setAttribute(INPUT_MESSAGES, input.append(']').toString());
    }
    Object completion = options.outputText().read(invocation.self(), invocation.args(), returned);
    if (completion instanceof String text) {
      StringBuilder output = new StringBuilder("[");
      message(output, "assistant", text, finish);
      invocation.span().setAttribute(OUTPUT_MESSAGES, output.append(']').toString());
    }
  }

  /** One message of the GenAI conventions' JSON form, its text redacted. */
  private void message(StringBuilder json, String role, String text, String finish) {
    if (json.length() > 1) {
      json.append(',');
    }
    // redacted whole, then cut: a cut first could split a card number or an address below what a detector finds
    json.append("{\"role\":\"").append(role).append("\",\"parts\":[{\"type\":\"text\",\"content\":");
    JsonStrings.quote(json, cut(settings.redactor.apply(text)));
    json.append("}]");
    if (finish != null) {
      json.append(",\"finish_reason\":");
      JsonStrings.quote(json, finish);
    }
    json.append('}');
  }

  /** At most {@link #MAX_TEXT} characters, never ending inside a redaction marker or a surrogate pair. */
  static String cut(String text) {
    if (text.length() <= MAX_TEXT) {
      return text;
    }
    int end = MAX_TEXT;
    int marker = text.lastIndexOf("[REDACTED", end);
    if (marker >= 0 && text.indexOf(']', marker) >= end) {
      end = marker;
    }
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "...";
  }

  /** The role of a message object, from its class name (UserMessage, SystemMessage, AiMessage, AssistantMessage...). */
  static String roleOf(Object message) {
    String name = message.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    if (name.startsWith("system")) {
      return "system";
    }
    if (name.startsWith("ai") || name.startsWith("assistant")) {
      return "assistant";
    }
    if (name.startsWith("tool")) {
      return "tool";
    }
    return "user";
  }

  private String providerOf(Probe probe) {
    return options.provider().isEmpty() ? providerOfClass(probe.simpleClassName()) : options.provider();
  }

  /** The {@code gen_ai.provider.name} of a model class, e.g. {@code OpenAiChatModel}: {@code openai}. */
  static String providerOfClass(String simpleName) {
    String name = simpleName.toLowerCase(Locale.ROOT);
    String[][] known = {{"azureopenai", "azure.ai.openai"}, {"openai", "openai"}, {"anthropic", "anthropic"},
        {"vertexai", "gcp.vertex_ai"}, {"gemini", "gcp.gemini"}, {"googleai", "gcp.gemini"}, {"bedrock", "aws.bedrock"},
        {"mistral", "mistral_ai"}, {"ollama", "ollama"}, {"deepseek", "deepseek"}, {"watsonx", "ibm.watsonx.ai"},
        {"cohere", "cohere"}, {"groq", "groq"}};
    for (String[] entry : known) {
      if (name.contains(entry[0])) {
        return entry[1];
      }
    }
    // the class name without the words that say what it is: AcmeLlmClient, AcmeChatModel: acme
    String stripped = simpleName;
    boolean again = true;
    while (again) {
      again = false;
      for (String suffix : new String[] {"StreamingChatLanguageModel", "StreamingChatModel", "ChatLanguageModel",
          "ChatModel", "LanguageModel", "Model", "Client", "Chat", "Llm", "LLM", "Api"}) {
        if (stripped.endsWith(suffix) && stripped.length() > suffix.length()) {
          stripped = stripped.substring(0, stripped.length() - suffix.length());
          again = true;
          break;
        }
      }
    }
    return stripped.toLowerCase(Locale.ROOT);
  }

  private static @Nullable String text(@Nullable Object value) {
    if (value instanceof CharSequence chars) {
      String text = chars.toString().strip();
      return text.isEmpty() ? null : text;
    }
    return null;
  }

  private static long count(Object value) {
    return value instanceof Number number && number.longValue() >= 0 ? number.longValue() : -1;
  }

  /** A finish reason from an enum (STOP: stop) or a String, lower case; {@code null} when absent. */
  static @Nullable String finishReason(@Nullable Object value) {
    String reason = value instanceof Enum<?> constant ? constant.name() : text(value);
    if (reason == null) {
      return null;
    }
    String lower = reason.toLowerCase(Locale.ROOT);
    // LangChain4j's TOOL_EXECUTION is the conventions' tool_call
    return lower.equals("tool_execution") ? "tool_call" : lower;
  }

  static String formatCost(double amount) {
    return new java.math.BigDecimal(amount).setScale(8, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }
}
