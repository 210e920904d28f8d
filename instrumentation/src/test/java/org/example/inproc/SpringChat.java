package org.example.inproc;

import java.util.List;

/**
 * An LLM client shaped like Spring AI's ChatModel (getters: a Prompt with options and instructions, a ChatResponse with
 * metadata, usage and a result), with no Spring AI on the class path: the llm unit's default value paths read it.
 */
public final class SpringChat {

  public static final class Options {
    public String getModel() {
      return "spring-model";
    }
  }

  public static final class UserMessage {
    private final String text;

    UserMessage(String text) {
      this.text = text;
    }

    public String getText() {
      return text;
    }
  }

  public static final class Prompt {
    private final List<Object> instructions;

    public Prompt(String text) {
      this.instructions = List.of(new UserMessage(text));
    }

    public Options getOptions() {
      return new Options();
    }

    public List<Object> getInstructions() {
      return instructions;
    }
  }

  public record Usage(Integer getPromptTokens, Integer getCompletionTokens) {}

  public record Metadata(String getModel, Usage getUsage) {}

  public record GenerationMetadata(String getFinishReason) {}

  public record AssistantMessage(String getText) {}

  public record Generation(AssistantMessage getOutput, GenerationMetadata getMetadata) {}

  public record ChatResponse(Metadata getMetadata, Generation getResult) {}

  public ChatResponse call(Prompt prompt) {
    String text = "spring answer to " + ((UserMessage) prompt.getInstructions().get(0)).getText()
        + ", card 4111 1111 1111 1111";
    return new ChatResponse(new Metadata("spring-model-v2", new Usage(5, 11)),
        new Generation(new AssistantMessage(text), new GenerationMetadata("STOP")));
  }
}
