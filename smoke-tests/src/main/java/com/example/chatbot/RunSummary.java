package com.example.chatbot;

import java.util.Locale;

/**
 * The totals of a chatbot run, printed as the last line of stdout, for example
 * {@code SUMMARY users=5 turns=50 replies=50 invalid=7 errors=1 expired=1}.
 *
 * @param users   how many users talked to the chatbot
 * @param turns   how many messages they sent
 * @param replies how many non-blank replies they received
 * @param invalid how many messages were rejected as invalid commands
 * @param errors  how many turns failed and went to the {@link ErrorHandler}
 * @param expired how many sessions ended by idle timeout
 */
public record RunSummary(int users, long turns, long replies, long invalid, long errors, int expired) {

  /** The prefix of the summary line. */
  public static final String PREFIX = "SUMMARY";

  /** The summary line: {@code SUMMARY users=.. turns=.. replies=.. invalid=.. errors=.. expired=..}. */
  public String toLine() {
    return String.format(Locale.ROOT, "%s users=%d turns=%d replies=%d invalid=%d errors=%d expired=%d",
        PREFIX, users, turns, replies, invalid, errors, expired);
  }
}
