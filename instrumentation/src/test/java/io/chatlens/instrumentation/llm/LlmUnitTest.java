package io.chatlens.instrumentation.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chatlens.instrumentation.ComponentUnits;
import io.chatlens.instrumentation.core.UnitKey;
import org.junit.jupiter.api.Test;

class LlmUnitTest {

  @Test
  void aPriceTableCostsCallsPerMillionTokensByTheLongestListedPrefix() {
    Prices prices = Prices.parse("gpt-4o=2.50/10.00; gpt-4o-mini=0.15/0.60");
    assertThat(prices.cost("gpt-4o-mini-2024-07-18", 25, 9)).isCloseTo(9.15e-6, within(1e-12));
    assertThat(prices.cost("gpt-4o-2024-08-06", 1_000_000, 0)).isCloseTo(2.50, within(1e-9));
    assertThat(prices.cost("GPT-4O-MINI", 0, 1_000_000)).as("model names are case-insensitive").isCloseTo(0.60, within(1e-9));
    assertThat(prices.of("claude-3-haiku")).isNull();
    assertThat(prices.cost("claude-3-haiku", 100, 100)).isZero();
    assertThat(prices.cost(null, 100, 100)).isZero();
    assertThat(Prices.parse("").isEmpty()).isTrue();
  }

  @Test
  void aMalformedPriceTableIsRejected() {
    assertThatThrownBy(() -> Prices.parse("gpt-4o=2.50")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gpt-4o=2.50");
    assertThatThrownBy(() -> Prices.parse("gpt-4o=a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Prices.parse("gpt-4o=-1/2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LlmUnit.CURRENCY.parse("dollars")).isInstanceOf(IllegalArgumentException.class);
    assertThat(LlmUnit.CURRENCY.parse(null)).isEqualTo("USD");
    assertThat(LlmUnit.CURRENCY.parse("EUR")).isEqualTo("EUR");
  }

  @Test
  void theProviderComesFromTheModelClassName() {
    assertThat(LlmHandler.providerOfClass("OpenAiChatModel")).isEqualTo("openai");
    assertThat(LlmHandler.providerOfClass("AzureOpenAiChatModel")).isEqualTo("azure.ai.openai");
    assertThat(LlmHandler.providerOfClass("AnthropicChatModel")).isEqualTo("anthropic");
    assertThat(LlmHandler.providerOfClass("GoogleAiGeminiChatModel")).isEqualTo("gcp.gemini");
    assertThat(LlmHandler.providerOfClass("VertexAiGeminiChatModel")).isEqualTo("gcp.vertex_ai");
    assertThat(LlmHandler.providerOfClass("BedrockChatModel")).isEqualTo("aws.bedrock");
    assertThat(LlmHandler.providerOfClass("AcmeLlmClient")).isEqualTo("acme");
    assertThat(LlmHandler.providerOfClass("HuggingFaceChatModel")).isEqualTo("huggingface");
    assertThat(LlmHandler.providerOfClass("Model")).isEqualTo("model");
  }

  @Test
  void finishReasonsFollowTheConventions() {
    enum FinishReason { STOP, LENGTH, TOOL_EXECUTION }
    assertThat(LlmHandler.finishReason(FinishReason.STOP)).isEqualTo("stop");
    assertThat(LlmHandler.finishReason(FinishReason.TOOL_EXECUTION)).isEqualTo("tool_call");
    assertThat(LlmHandler.finishReason("LENGTH")).isEqualTo("length");
    assertThat(LlmHandler.finishReason(" ")).isNull();
    assertThat(LlmHandler.finishReason(42)).isNull();
  }

  @Test
  void capturedTextIsCutAfterRedactionNeverInsideAMarker() {
    String text = "x".repeat(LlmHandler.MAX_TEXT - 5) + "[REDACTED:card] and more";
    assertThat(LlmHandler.cut(text)).isEqualTo("x".repeat(LlmHandler.MAX_TEXT - 5) + "...");
    assertThat(LlmHandler.cut("short")).isEqualTo("short");
    String surrogate = "y".repeat(LlmHandler.MAX_TEXT - 1) + "\uD83D\uDE00tail";
    assertThat(LlmHandler.cut(surrogate)).isEqualTo("y".repeat(LlmHandler.MAX_TEXT - 1) + "...");
  }

  @Test
  void messageRolesComeFromTheMessageClassName() {
    record SystemMessage() {}
    record UserMessage() {}
    record AiMessage() {}
    record AssistantMessage() {}
    record ToolExecutionResultMessage() {}
    assertThat(LlmHandler.roleOf(new SystemMessage())).isEqualTo("system");
    assertThat(LlmHandler.roleOf(new UserMessage())).isEqualTo("user");
    assertThat(LlmHandler.roleOf(new AiMessage())).isEqualTo("assistant");
    assertThat(LlmHandler.roleOf(new AssistantMessage())).isEqualTo("assistant");
    assertThat(LlmHandler.roleOf(new ToolExecutionResultMessage())).isEqualTo("tool");
  }

  @Test
  void theUnitIsRegisteredAndDeclaresItsKeysWithParsableDefaults() {
    assertThat(ComponentUnits.ALL).anySatisfy(unit -> assertThat(unit).isInstanceOf(LlmUnit.class));
    LlmUnit unit = new LlmUnit();
    assertThat(unit.component().key()).isEqualTo("llm");
    assertThat(unit.conventionsNameLibraryTypes()).isTrue();
    assertThat(unit.keys()).isNotEmpty().allSatisfy(key -> {
      assertThat(key.name()).startsWith("chatlens.");
      assertThat(key.description()).isNotBlank();
      assertThat(((UnitKey<?>) key).parse(null)).as(key.name()).satisfiesAnyOf(
          value -> assertThat(value).isNotNull(), value -> assertThat(key.defaultValue()).isEmpty());
    });
  }
}
