package com.example.chatbot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The deterministic conversations of script mode: the same seed and sizes always give the same messages.
 *
 * <p>Every user searches for something that exists, asks a plain-text question, rates an answer and looks at the
 * history; about every seventh message is an invalid command. Exactly one user of the run sends {@code /admin crash}
 * once, and about one user in five abandons the session instead of closing it. With PII messages on, one user also
 * sends a password, an API token, an e-mail address and a card number (with and without spaces).
 */
public final class ConversationScript {

  /** The message that makes the database fail on purpose. */
  public static final String CRASH_MESSAGE = "/admin crash";

  /** The messages carrying sensitive data that {@code --pii-messages} adds. */
  public static final List<String> PII_MESSAGES = List.of(
      "my password is hunter2",
      "my api token is sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      "contact me at jane.doe@example.com",
      "my card number is 4111 1111 1111 1111",
      "please charge my card 4111111111111111 for the upgrade");

  /** The invalid commands, one of which replaces about every seventh message. */
  public static final List<String> INVALID_MESSAGES = List.of("/frobnicate", "/search", "/faq abc");

  private static final int INVALID_EVERY = 7;
  private static final int USERS_PER_ABANDONED_SESSION = 5;

  private static final List<Topic> TOPICS = List.of(
      new Topic("reset password", "I forgot my password, how do I reset it?", 2),
      new Topic("refund policy", "Can I get a refund for my annual plan?", 10),
      new Topic("api key", "How do I create a new API key?", 17),
      new Topic("two-factor authentication", "How can I enable two-factor authentication?", 5),
      new Topic("export data", "How do I export all my data?", 20),
      new Topic("shipping time", "How long does shipping take?", 14),
      new Topic("cancel subscription", "How do I cancel my subscription?", 12),
      new Topic("invoice download", "Where can I download my invoices?", 9),
      new Topic("track order", "How can I track my order?", 15),
      new Topic("rate limits", "What are the API rate limits?", 19),
      new Topic("invite team members", "How do I invite colleagues to my team?", 22),
      new Topic("delete account", "How do I delete my account?", 21));

  private final List<UserScript> users;

  private ConversationScript(List<UserScript> users) {
    this.users = List.copyOf(users);
  }

  /**
   * Generates the conversations of a run.
   *
   * @param seed         the random seed; equal seeds give equal scripts
   * @param users        how many users, at least 1
   * @param turnsPerUser how many messages each user sends before the PII messages are added, at least 1
   * @param piiMessages  whether one user also sends {@link #PII_MESSAGES}
   */
  public static ConversationScript generate(long seed, int users, int turnsPerUser, boolean piiMessages) {
    if (users < 1 || turnsPerUser < 1) {
      throw new IllegalArgumentException("need at least one user and one turn: users=" + users
          + ", turns=" + turnsPerUser);
    }
    Random random = new Random(seed);
    int crashUser = random.nextInt(users);
    int piiUser = random.nextInt(users);
    Set<Integer> abandoning = abandoningUsers(random, users);
    List<UserScript> scripts = new ArrayList<>(users);
    for (int user = 0; user < users; user++) {
      Random userRandom = new Random(random.nextLong());
      List<String> messages = messages(userRandom, turnsPerUser, user == crashUser);
      if (piiMessages && user == piiUser) {
        for (String pii : PII_MESSAGES) {
          messages.add(userRandom.nextInt(messages.size() + 1), pii);
        }
      }
      scripts.add(new UserScript("user-" + (user + 1), messages, abandoning.contains(user)));
    }
    return new ConversationScript(scripts);
  }

  /** The users' conversations, {@code user-1} first. */
  public List<UserScript> users() {
    return users;
  }

  /** How many messages all users send together. */
  public int totalTurns() {
    int total = 0;
    for (UserScript user : users) {
      total += user.messages().size();
    }
    return total;
  }

  /** The search queries the script uses; each one matches an FAQ entry. */
  static List<String> searchQueries() {
    List<String> queries = new ArrayList<>();
    for (Topic topic : TOPICS) {
      queries.add(topic.query());
    }
    return queries;
  }

  private static Set<Integer> abandoningUsers(Random random, int users) {
    int count = users < 2 ? 0 : Math.max(1, users / USERS_PER_ABANDONED_SESSION);
    List<Integer> order = new ArrayList<>();
    for (int user = 0; user < users; user++) {
      order.add(user);
    }
    Collections.shuffle(order, random);
    return new HashSet<>(order.subList(0, count));
  }

  private static List<String> messages(Random random, int turns, boolean crash) {
    List<Integer> invalidSlots = new ArrayList<>();
    List<Integer> freeSlots = new ArrayList<>();
    int offset = random.nextInt(INVALID_EVERY);
    for (int turn = 0; turn < turns; turn++) {
      ((turn + offset) % INVALID_EVERY == INVALID_EVERY - 1 ? invalidSlots : freeSlots).add(turn);
    }
    List<String> essentials = essentials(random, crash);
    while (freeSlots.size() < essentials.size() && !invalidSlots.isEmpty()) {
      freeSlots.add(invalidSlots.remove(invalidSlots.size() - 1));
    }
    essentials = fitting(essentials, freeSlots.size(), crash);

    String[] slots = new String[turns];
    for (int slot : invalidSlots) {
      slots[slot] = INVALID_MESSAGES.get(random.nextInt(INVALID_MESSAGES.size()));
    }
    List<Integer> shuffled = new ArrayList<>(freeSlots);
    Collections.shuffle(shuffled, random);
    List<Integer> essentialSlots = new ArrayList<>(shuffled.subList(0, essentials.size()));
    Collections.sort(essentialSlots);
    for (int i = 0; i < essentialSlots.size(); i++) {
      slots[essentialSlots.get(i)] = essentials.get(i);
    }
    for (int turn = 0; turn < turns; turn++) {
      if (slots[turn] == null) {
        slots[turn] = filler(random);
      }
    }
    return new ArrayList<>(List.of(slots));
  }

  /** The messages every user sends, in a sensible order: search before rating what was found. */
  private static List<String> essentials(Random random, boolean crash) {
    Topic searched = pick(random);
    Topic asked = pick(random);
    String rating = random.nextInt(4) == 0 ? "bad" : "good";
    List<String> essentials = new ArrayList<>(List.of(
        "/search " + searched.query(),
        asked.question(),
        "/feedback " + searched.faqId() + " " + rating,
        "/history"));
    if (crash) {
      essentials.add(random.nextInt(essentials.size() + 1), CRASH_MESSAGE);
    }
    return essentials;
  }

  /** The essentials cut to the available slots; the crash message is always kept. */
  private static List<String> fitting(List<String> essentials, int slots, boolean crash) {
    if (essentials.size() <= slots) {
      return essentials;
    }
    List<String> kept = new ArrayList<>(essentials);
    kept.remove(CRASH_MESSAGE);
    kept = new ArrayList<>(kept.subList(0, crash ? slots - 1 : slots));
    if (crash) {
      kept.add(0, CRASH_MESSAGE);
    }
    return kept;
  }

  private static String filler(Random random) {
    Topic topic = pick(random);
    switch (random.nextInt(8)) {
      case 0:
      case 1:
        return "/search " + topic.query();
      case 5:
        return "/faq " + topic.faqId();
      case 6:
        return "/help";
      case 7:
        return "/history";
      default:
        return topic.question();
    }
  }

  private static Topic pick(Random random) {
    return TOPICS.get(random.nextInt(TOPICS.size()));
  }

  /** A subject users ask about, with the FAQ entry that answers it. */
  private record Topic(String query, String question, int faqId) {}
}
