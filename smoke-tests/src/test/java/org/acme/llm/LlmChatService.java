package org.acme.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * A chatbot whose answers come from an LLM through LangChain4j's real OpenAI client, pointed at the URL given as the
 * first argument (WireMock in the tests). It has no ChatLens configuration: its turn is found by the naming convention
 * ({@code *ChatService#handle}) and its LLM calls by the llm unit's LangChain4j convention.
 *
 * <p>Prints one line per answer ({@code answer 1: ...}) and the tokens it was told it used, so that a test can compare
 * the output with and without the agent.
 */
public final class LlmChatService {

  private final ChatModel model;

  LlmChatService(ChatModel model) {
    this.model = model;
  }

  /** One turn: asks the model, returns its answer. */
  public String handle(String sessionId, String message) {
    ChatResponse response = model.chat(ChatRequest.builder()
        .messages(SystemMessage.from("You are a helpdesk assistant."), UserMessage.from(message)).build());
    return response.aiMessage().text() + " [" + response.tokenUsage().totalTokenCount() + " tokens]";
  }

  public static void main(String[] args) {
    ChatModel model = OpenAiChatModel.builder().baseUrl(args[0]).apiKey("test-key").modelName("gpt-4o-mini")
        .maxRetries(0).build();
    LlmChatService service = new LlmChatService(model);
    System.out.println("answer 1: " + service.handle("sess-llm-1", "How do I reset my password?"));
    System.out.println("answer 2: " + service.handle("sess-llm-1", "My card 4111 1111 1111 1111 was charged twice"));
  }
}
