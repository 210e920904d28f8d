package org.example.inproc;

/** What the in-process weaving tests call, by reflection, so that the test class itself never loads the bot early. */
public final class Driver {

  private static final ShopBot BOT = new ShopBot();

  private Driver() {}

  public static String turn(String session, String user, String text) {
    return BOT.handle(new Ticket(session, user, text));
  }

  public static String llm(String model, String prompt) {
    ShopLlm.Response response = new ShopLlm().doChat(new ShopLlm.Request(model, prompt));
    return response.text() + " (" + response.tokenUsage().outputTokenCount() + ")";
  }

  public static String spring(String prompt) {
    return new SpringChat().call(new SpringChat.Prompt(prompt)).getResult().getOutput().getText();
  }

  public static String other(String text) {
    return BOT.other(new Ticket("s", "u", text));
  }
}
