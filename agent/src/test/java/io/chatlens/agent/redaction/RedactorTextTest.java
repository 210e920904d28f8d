package io.chatlens.agent.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Value-based redaction of free text, category by category, with positive and negative cases. */
class RedactorTextTest {

  private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
      + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

  private final Redactor redactor = Redactor.withDefaults();

  @Test
  void hexIdsAndShortNumbersAreLeftAloneButDigitRunsOfCardLengthAreStillChecked() {
    for (String plain : java.util.List.of("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "250", "123456789012")) {
      assertThat(redactor.redact(plain)).isSameAs(plain);
    }
    assertThat(redactor.redact("4111111111111111")).isEqualTo("[REDACTED:card]");
  }

  @Test
  void repeatedTextsGiveTheSameAnswerWhetherCleanOrNot() {
    for (int round = 0; round < 3; round++) {
      assertThat(redactor.redact("Handled message in 0 ms, status=success"))
          .isEqualTo("Handled message in 0 ms, status=success");
      assertThat(redactor.redact("mail jane.doe@example.com")).isEqualTo("mail [REDACTED:email]");
    }
    for (int i = 0; i < 10_000; i++) {
      assertThat(redactor.redact("clean text number " + i)).isEqualTo("clean text number " + i);
    }
    assertThat(redactor.redact("mail jane.doe@example.com")).isEqualTo("mail [REDACTED:email]");
  }

  static Stream<Arguments> emails() {
    return Stream.of(
        arguments("contact me at jane.doe@example.com", "contact me at [REDACTED:email]"),
        arguments("mail: JOHN_SMITH+tag@mail.co.uk, thanks", "mail: [REDACTED:email], thanks"),
        arguments("From: <jane@example.org>", "From: <[REDACTED:email]>"),
        arguments("reply to a.b@c.io.", "reply to [REDACTED:email]."),
        arguments("cc ops-team@corp-mail.example.com and dev@example.net",
            "cc [REDACTED:email] and [REDACTED:email]"));
  }

  static Stream<String> notEmails() {
    return Stream.of("@Override public void run()", "user@localhost", "logback@1.5.0", "price @ 5 dollars",
        "email me later", "foo@bar", "a@b.c", "@@@", "trailing@", "@leading.com");
  }

  static Stream<Arguments> bearerAndBasic() {
    return Stream.of(
        arguments("Bearer abc123def456", "Bearer [REDACTED:token]"),
        arguments("sent header bearer mF_9.B5f-4.1JqM to api", "sent header bearer [REDACTED:token] to api"),
        arguments("Basic dXNlcjpwYXNzd29yZA==", "Basic [REDACTED:token]"),
        arguments("BEARER " + JWT, "BEARER [REDACTED:token]"),
        arguments("Authorization: Bearer " + JWT, "Authorization: Bearer [REDACTED:token]"),
        arguments("Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic [REDACTED:token]"));
  }

  static Stream<String> notBearerOrBasic() {
    return Stream.of("basic questions are welcome", "the bearer of bad news", "Basic setup done",
        "Bearer", "Basic ");
  }

  static Stream<Arguments> jwts() {
    return Stream.of(
        arguments("got " + JWT + " from idp", "got [REDACTED:token] from idp"),
        arguments("id_token=" + JWT, "id_token=[REDACTED:token]"),
        arguments("{\"jwt\":\"" + JWT + "\"}", "{\"jwt\":\"[REDACTED:token]\"}"));
  }

  static Stream<String> notJwts() {
    return Stream.of("eyJust kidding", "payload eyJhbGciOiJIUzI1NiJ9 only", "heyJude.eyJx.y", "eyJa.b.c");
  }

  static Stream<Arguments> apiKeys() {
    return Stream.of(
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "rk_live_51H8s2kLmNoPqRsTuV",
        "pk_live_51H8s2kLmNoPqRsTuV",
        "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs",
        "sk-ant-api03-abcDEF123456789xyz",
        "sk-0123456789abcdefABCDEF",
        "AKIAIOSFODNN7EXAMPLE",
        "ASIAIOSFODNN7EXAMPLE",
        "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",
        "gho_16C7e42F292c6912E7710c838347Ae178B4a",
        "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
        "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        "xoxp-123456789012-abcdefghij",
        "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI")
        .map(key -> arguments("calling api with " + key + " now", "calling api with [REDACTED:token] now"));
  }

  static Stream<String> notApiKeys() {
    return Stream.of("pip install sk-learn-extensions", "task-1234567890abcdefgh", "risk_live_abcdefghijk",
        "AKIA1234", "AKIAIOSFODNN7EXAMPLE2X", "ghp_short", "xoxb-1", "AIza pizza", "desk_live_camera_12345",
        "the sk_live_ prefix");
  }

  static Stream<Arguments> keyValuePairs() {
    return Stream.of(
        arguments("password=hunter2", "password=[REDACTED:secret]"),
        arguments("passwd=hunter2 user=bob", "passwd=[REDACTED:secret] user=bob"),
        arguments("GET /login?user=bob&pwd=s3cr3t&next=/home", "GET /login?user=bob&pwd=[REDACTED:secret]&next=/home"),
        arguments("pwd=..", "pwd=[REDACTED:secret]"),
        arguments("{\"apiKey\": \"abc\"}", "{\"apiKey\": \"[REDACTED:secret]\"}"),
        arguments("{'api_key': 'abc'}", "{'api_key': '[REDACTED:secret]'}"),
        arguments("Authorization: Bearer x", "Authorization: Bearer [REDACTED:secret]"),
        arguments("authorization=Digest abc", "authorization=Digest [REDACTED:secret]"),
        arguments("password: hunter2", "password: [REDACTED:secret]"),
        arguments("PASSWORD = hunter2", "PASSWORD = [REDACTED:secret]"),
        arguments("client_secret => 'abc def'", "client_secret => '[REDACTED:secret]'"),
        arguments("X-API-Key: abc123", "X-API-Key: [REDACTED:secret]"),
        arguments("db.password=xyz", "db.password=[REDACTED:secret]"),
        arguments("spring.datasource.password: xyz", "spring.datasource.password: [REDACTED:secret]"),
        arguments("userPassword=xyz", "userPassword=[REDACTED:secret]"),
        arguments("access_token=abc.def", "access_token=[REDACTED:secret]"),
        arguments("session_secret=abc", "session_secret=[REDACTED:secret]"),
        arguments("credentials=admin:admin", "credentials=[REDACTED:secret]"),
        arguments("privateKey:MIIEvQIBADAN", "privateKey:[REDACTED:secret]"),
        arguments("cvv: 123", "cvv: [REDACTED:secret]"),
        arguments("ssn=123-45-6789", "ssn=[REDACTED:ssn]"),
        arguments("iban: DE89370400440532013000", "iban: [REDACTED:iban]"),
        arguments("Set-Cookie: session=abc; Path=/; HttpOnly\nnext line", "Set-Cookie: [REDACTED:secret]\nnext line"),
        arguments("<password>hunter2</password>", "<password>[REDACTED:secret]</password>"),
        arguments("{\\\"password\\\":\\\"hunter2\\\",\\\"user\\\":\\\"bob\\\"}",
            "{\\\"password\\\":\\\"[REDACTED:secret]\\\",\\\"user\\\":\\\"bob\\\"}"),
        arguments("{\"pin\":1234,\"amount\":5}", "{\"pin\":[REDACTED:secret],\"amount\":5}"),
        arguments("java -jar app.jar --password hunter2 --verbose", "java -jar app.jar --password [REDACTED:secret] --verbose"),
        arguments("user=bob, password=hunter2, role=admin", "user=bob, password=[REDACTED:secret], role=admin"));
  }

  static Stream<Arguments> naturalLanguage() {
    return Stream.of(
        arguments("my password is hunter2", "my password is [REDACTED:secret]"),
        arguments("My Password is: Tr0ub4dor&3", "My Password is: [REDACTED:secret]"),
        arguments("my password was banana", "my password was [REDACTED:secret]"),
        arguments("my api token is sk_live_4eC39HqLyjWDarjtT1zdp7dc", "my api token is [REDACTED:token]"),
        arguments("pin is 1234", "pin is [REDACTED:secret]"),
        arguments("the secret key is 7f3a9c2e, keep it safe", "the secret key is [REDACTED:secret], keep it safe"),
        arguments("please change my password to Hunter2!", "please change my password to [REDACTED:secret]"),
        arguments("here is my token a8Fj2kq9Zx", "here is my token [REDACTED:secret]"),
        arguments("api key 0123456789abcdef0123456789abcdef", "api key [REDACTED:secret]"),
        arguments("I think my password is hunter2.", "I think my password is [REDACTED:secret]."));
  }

  static Stream<String> notKeyValuePairs() {
    return Stream.of("user_id=12345", "session_id=abc-def-ghi", "sessionId=abc-def-ghi", "password is incorrect",
        "your password has expired", "Password reset requested for user 42", "the token expired", "press any key to continue",
        "passenger: 12", "author: jane", "keyboard=us", "compass: north", "spinner=on", "pass the salt",
        "password:", "password=", "my password", "io.jsonwebtoken.ExpiredJwtException: JWT expired at noon",
        "\tat com.acme.TokenStore.load(TokenStore.java:42)", "discard=true", "iban",
        "password=[REDACTED:secret]", "{\"credentials\": {\"user\": \"bob\"}}");
  }

  static Stream<Arguments> cards() {
    return Stream.of(
        arguments("4111 1111 1111 1111", "[REDACTED:card]"),
        arguments("4111-1111-1111-1111", "[REDACTED:card]"),
        arguments("4111111111111111", "[REDACTED:card]"),
        arguments("paid with 5555555555554444.", "paid with [REDACTED:card]."),
        arguments("amex 3782 822463 10005 ok", "amex [REDACTED:card] ok"),
        arguments("discover 6011111111111117, visa13 4222222222222",
            "discover [REDACTED:card], visa13 [REDACTED:card]"),
        arguments("card 4111 1111 1111 1111 7 times", "card [REDACTED:card] 7 times"),
        arguments("(5105-1051-0510-5100)", "([REDACTED:card])"),
        arguments("card_number: 4111111111111111", "card_number: [REDACTED:card]"),
        // several spaces or dashes between groups used to leak (issue 11, item 7)
        arguments("4111  1111  1111  1111", "[REDACTED:card]"),
        arguments("pay 4111 - 1111 - 1111 - 1111 now", "pay [REDACTED:card] now"),
        arguments("5555--5555--5555--4444", "[REDACTED:card]"),
        arguments("4111    1111 1111 1111", "[REDACTED:card]"),
        arguments("card 4111        1111        1111        1111 ok", "card [REDACTED:card] ok"),
        arguments("4111 -- -- 1111----------1111 - - - - 1111", "[REDACTED:card]"));
  }

  @Test
  void digitGroupsPaddedWithLongSeparatorRunsAreScannedInLinearTime() {
    String text = ("1" + " ".repeat(CardNumberDetector.MAX_SEPARATORS)).repeat(40_000) + "x"
        + ("7" + "-".repeat(CardNumberDetector.MAX_SEPARATORS + 1)).repeat(40_000);
    String redacted = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
        () -> redactor.redact(text));
    assertThat(redacted).isNotNull();
  }

  static Stream<String> notCards() {
    return Stream.of("order 1234567890123", "2024-01-15T10:30:45.123Z", "order 1234 5678",
        "4111 1111 1111 1112", "id 41111111111111111111", "ts=1705314645123", "ref ABC4111111111111111",
        "4111  1111  1111  1112", "4111    1111 1111 1112", "amount 1234567890003.45", "version 1.4111111111111111", "20240115103045123",
        "phone 0044 20 7946 0958");
  }

  @ParameterizedTest
  @MethodSource({"emails", "bearerAndBasic", "jwts", "apiKeys", "keyValuePairs", "naturalLanguage", "cards"})
  void redactsSensitiveValues(String input, String expected) {
    assertThat(redactor.redact(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource({"notEmails", "notBearerOrBasic", "notJwts", "notApiKeys", "notKeyValuePairs", "notCards"})
  void leavesOrdinaryTextAsTheSameInstance(String input) {
    assertThat(redactor.redact(input)).isSameAs(input);
  }

  @ParameterizedTest
  @MethodSource({"emails", "bearerAndBasic", "jwts", "apiKeys", "keyValuePairs", "naturalLanguage", "cards"})
  void redactedOutputPassesUnchanged(String input, String expected) {
    String once = redactor.redact(input);
    assertThat(redactor.redact(once)).isSameAs(once);
  }

  @Test
  void redactsDigitRunsExactlyWhenTheyPassLuhn() {
    Random random = new Random(42);
    int redacted = 0;
    for (int i = 0; i < 2_000; i++) {
      StringBuilder number = new StringBuilder().append((char) ('1' + random.nextInt(9)));
      int length = 13 + random.nextInt(7);
      while (number.length() < length) {
        number.append((char) ('0' + random.nextInt(10)));
      }
      String text = "order " + number + " shipped";
      String result = redactor.redact(text);
      if (luhn(number)) {
        redacted++;
        assertThat(result).isEqualTo("order [REDACTED:card] shipped");
      } else {
        assertThat(result).isSameAs(text);
      }
    }
    assertThat(redacted).isBetween(100, 400);
  }

  private static boolean luhn(CharSequence digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      }
      sum += digit;
    }
    return sum % 10 == 0;
  }
}
