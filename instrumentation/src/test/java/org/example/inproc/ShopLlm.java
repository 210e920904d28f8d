package org.example.inproc;

/**
 * An LLM client of the in-process weaving tests, shaped like LangChain4j's (a request with a model name, a response
 * with the model that answered, its token usage and finish reason), with no LangChain4j on the class path.
 */
public final class ShopLlm {

  public record Request(String modelName, String prompt) {}

  public record Usage(Integer inputTokenCount, Integer outputTokenCount) {}

  public record Response(String modelName, Usage tokenUsage, String finishReason, String text) {}

  /** The model's failure, which must reach the caller unchanged. */
  public static final class ModelDown extends RuntimeException {
    ModelDown(String message) {
      super(message);
    }
  }

  public Response doChat(Request request) {
    if (request.prompt().contains("fail")) {
      throw new ModelDown("the model is overloaded");
    }
    int words = request.prompt().split(" ").length;
    return new Response(request.modelName() + "-2025-01-01", new Usage(words * 3, 7), "STOP",
        "answer to " + request.prompt());
  }
}
