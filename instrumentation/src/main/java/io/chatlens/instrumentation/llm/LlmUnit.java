package io.chatlens.instrumentation.llm;

import io.chatlens.instrumentation.accessor.Accessor;
import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;
import io.chatlens.instrumentation.core.UnitKey;
import java.util.List;

/**
 * Calls to a large language model, recorded with the OpenTelemetry GenAI semantic conventions: a CLIENT span
 * {@code chat <model>} with the provider, models, token usage and finish reasons; the {@code gen_ai.client.*} metrics;
 * the cost of each call from a price table; the tokens and cost added to the turn's log event. Prompt and completion
 * text are recorded only with {@code chatlens.capture.llm-content=true}, and redacted then.
 *
 * <p>This unit is the whole component: its {@link Component}, conventions, keys and handler are declared here, and
 * {@code ComponentUnits.ALL} lists it. Nothing else in ChatLens names it.
 */
public final class LlmUnit implements ComponentUnit {

  public static final Component COMPONENT = Component.define("llm", "llm_client");

  static final String SECTION = "LLM calls";

  static final UnitKey<Boolean> CAPTURE_CONTENT = UnitKey.bool("chatlens.capture.llm-content", SECTION, false,
      "Record the prompt and completion text (redacted) on LLM spans as gen_ai.input.messages and "
          + "gen_ai.output.messages. Off by default: only models, token counts and finish reasons are recorded.");
  static final UnitKey<Prices> PRICES = new UnitKey<>("chatlens.llm.prices", SECTION, "", Prices.ALLOWED,
      "Price per million tokens by model, model=input/output;model=input/output, e.g. gpt-4o-mini=0.15/0.60. A "
          + "response model such as gpt-4o-mini-2024-07-18 takes the price of the longest listed prefix. Gives "
          + "chatbot.llm.cost, the turn's llm_cost and the span's chatbot.llm.cost; models without a price cost nothing.",
      Prices::parse);
  static final UnitKey<String> CURRENCY = new UnitKey<>("chatlens.llm.currency", SECTION, "USD",
      "a currency code of three capital letters", "The currency of chatlens.llm.prices (the currency label of "
          + "chatbot_llm_cost_total).", raw -> {
            String value = raw.trim();
            if (!value.matches("[A-Z]{3}")) {
              throw new IllegalArgumentException();
            }
            return value;
          });
  static final UnitKey<String> PROVIDER = UnitKey.text("chatlens.llm.provider", SECTION, "",
      "gen_ai.provider.name of every LLM call, e.g. openai. Default: from the model class name (OpenAi: openai, "
          + "Anthropic: anthropic, Gemini: gcp.gemini, VertexAi: gcp.vertex_ai, Bedrock: aws.bedrock, Mistral: "
          + "mistral_ai, Ollama: ollama, AzureOpenAi: azure.ai.openai), else the class name's first word.");
  static final UnitKey<Accessor> REQUEST_MODEL = accessor("chatlens.llm.request-model",
      "arg0.modelName | arg0.options.model | arg0.model",
      "Where an LLM call finds the model it asks for (gen_ai.request.model).");
  static final UnitKey<Accessor> RESPONSE_MODEL = accessor("chatlens.llm.response-model",
      "return.modelName | return.metadata.model | return.model",
      "Where an LLM call finds the model that answered (gen_ai.response.model).");
  static final UnitKey<Accessor> INPUT_TOKENS = accessor("chatlens.llm.usage.input",
      "return.tokenUsage.inputTokenCount | return.metadata.usage.promptTokens | return.usage.inputTokens",
      "Where an LLM call finds the input (prompt) token count (gen_ai.usage.input_tokens).");
  static final UnitKey<Accessor> OUTPUT_TOKENS = accessor("chatlens.llm.usage.output",
      "return.tokenUsage.outputTokenCount | return.metadata.usage.completionTokens | return.usage.outputTokens",
      "Where an LLM call finds the output (completion) token count (gen_ai.usage.output_tokens).");
  static final UnitKey<Accessor> FINISH_REASON = accessor("chatlens.llm.finish-reason",
      "return.finishReason | return.result.metadata.finishReason",
      "Where an LLM call finds why the model stopped (gen_ai.response.finish_reasons).");
  static final UnitKey<Accessor> INPUT_TEXT = accessor("chatlens.llm.input-text",
      "arg0.messages | arg0.instructions | arg0",
      "With chatlens.capture.llm-content: the prompt (a String, or a JDK list of messages whose text is read).");
  static final UnitKey<Accessor> OUTPUT_TEXT = accessor("chatlens.llm.output-text",
      "return.aiMessage.text | return.content.text | return.result.output.text | return",
      "With chatlens.capture.llm-content: the completion text.");

  private static UnitKey<Accessor> accessor(String name, String defaultPath, String description) {
    return new UnitKey<>(name, SECTION, defaultPath, "a value path: arg0..argN, return or this, then .property or "
        + ".getter() steps, alternatives separated by |", description,
        Accessor::parse);
  }

  @Override
  public Component component() {
    return COMPONENT;
  }

  @Override
  public java.util.Set<String> vocabularyAttributes() {
    return java.util.Set.of(LlmHandler.OPERATION.getKey(), LlmHandler.TOKEN_TYPE.getKey());
  }

  @Override
  public String description() {
    return "LLM calls (GenAI spans, tokens, cost)";
  }

  @Override
  public String conventions() {
    return "dev.langchain4j.model.chat.ChatModel#doChat;dev.langchain4j.model.chat.ChatLanguageModel#doChat,generate;"
        + "org.springframework.ai.chat.model.ChatModel#call";
  }

  @Override
  public boolean conventionsNameLibraryTypes() {
    return true;
  }

  @Override
  public String patternsDescription() {
    return "Methods that call an LLM, e.g. com.acme.chat.LlmClient#complete. Default: the implementations of "
        + "LangChain4j's ChatModel (doChat) and ChatLanguageModel (doChat, generate) and Spring AI's ChatModel (call).";
  }

  @Override
  public List<UnitKey<?>> keys() {
    return List.of(CAPTURE_CONTENT, PRICES, CURRENCY, PROVIDER, REQUEST_MODEL, RESPONSE_MODEL, INPUT_TOKENS,
        OUTPUT_TOKENS, FINISH_REASON, INPUT_TEXT, OUTPUT_TEXT);
  }

  /** Token counts: numbers (and the token type, input or output), not credentials. */
  @Override
  public java.util.Set<String> countFields() {
    return java.util.Set.of("gen_ai.token.type", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
        "input_tokens", "output_tokens", "llm_tokens", "chatbot.turn.llm_tokens");
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new LlmHandler(context.instruments(), context.events(), context.settings(), new LlmHandler.Options(
        context.value(CAPTURE_CONTENT), context.value(PRICES), context.value(CURRENCY), context.value(PROVIDER),
        context.value(REQUEST_MODEL), context.value(RESPONSE_MODEL), context.value(INPUT_TOKENS),
        context.value(OUTPUT_TOKENS), context.value(FINISH_REASON), context.value(INPUT_TEXT),
        context.value(OUTPUT_TEXT)));
  }
}
