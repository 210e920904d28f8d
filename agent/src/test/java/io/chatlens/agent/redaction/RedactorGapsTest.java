package io.chatlens.agent.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The redaction gaps of issue 11 (item 7): encoded and obfuscated e-mails, passphrases with blanks, passwords in
 * URLs of any scheme, SSNs, IBANs, international phone numbers and PEM private keys, each with look-alikes that
 * must stay as they are.
 */
class RedactorGapsTest {

  private final Redactor redactor = Redactor.withDefaults();

  static Stream<Arguments> emails() {
    return Stream.of(
        arguments("mail jane.doe%40example.com please", "mail [REDACTED:email] please"),
        arguments("GET /unsubscribe?to=jane.doe%40example.com&x=1", "GET /unsubscribe?to=[REDACTED:email]&x=1"),
        arguments("twice jane%2540example.com", "twice [REDACTED:email]"),
        arguments("{\"email\":\"jane\\u0040example.com\"}", "{\"email\":\"[REDACTED:email]\"}"),
        arguments("upper JANE\\U0040EXAMPLE.COM", "upper [REDACTED:email]"),
        arguments("html jane&#64;example.com", "html [REDACTED:email]"),
        arguments("hex jane&#x40;example.com", "hex [REDACTED:email]"),
        arguments("write to jane (at) example.com soon", "write to [REDACTED:email] soon"),
        arguments("write to jane [at] example [dot] com soon", "write to [REDACTED:email] soon"),
        arguments("write to jane(AT)example(DOT)co(DOT)uk", "write to [REDACTED:email]"),
        arguments("wide jane\uFF20example.com", "wide [REDACTED:email]"),
        arguments("mixed Jane.Doe+Promo@Example.COM ok", "mixed [REDACTED:email] ok"),
        arguments("tagged JOHN+news+2024@Mail.Example.org", "tagged [REDACTED:email]"),
        arguments("unicode józef.müller@bücher.de", "unicode [REDACTED:email]"));
  }

  static Stream<String> notEmails() {
    return Stream.of("meet me (at) noon", "look [at] this", "100%40 done", "discount 40% at shop", "&#64; alone",
        "a (at) b", "price (at) 5.00");
  }

  static Stream<Arguments> passphrases() {
    return Stream.of(
        arguments("my password is correct horse battery staple", "my password is [REDACTED:secret]"),
        arguments("my password is the blue horse of 1987", "my password is [REDACTED:secret]"),
        arguments("My password is the name of my dog. Thanks!", "My password is [REDACTED:secret]. Thanks!"),
        arguments("password=open sesame, user=bob", "password=[REDACTED:secret], user=bob"),
        arguments("my password is open sesame and my api token is abc", "my password is [REDACTED:secret] and my api token is [REDACTED:secret]"),
        arguments("password=correct horse battery staple user=bob", "password=[REDACTED:secret] user=bob"),
        arguments("my password: open sesame now\nnext line", "my password: [REDACTED:secret]\nnext line"),
        arguments("passphrase is lazy dog jumps over", "passphrase is [REDACTED:secret]"),
        arguments("{\"msg\":\"my password is big red car\",\"n\":1}", "{\"msg\":\"my password is [REDACTED:secret]\",\"n\":1}"));
  }

  static Stream<String> notPassphrases() {
    return Stream.of("password is incorrect", "your password is not valid anymore", "password is too short",
        "Password reset requested for user 42", "the password field is required");
  }

  static Stream<Arguments> urls() {
    return Stream.of(
        arguments("jdbc:postgresql://admin:S3cr3t!@db.internal:5432/app", "jdbc:postgresql://admin:[REDACTED:secret]@db.internal:5432/app"),
        arguments("postgres://app:hunter2@10.0.0.5/db", "postgres://app:[REDACTED:secret]@10.0.0.5/db"),
        arguments("amqp://guest:guestpass@rabbit:5672/vhost", "amqp://guest:[REDACTED:secret]@rabbit:5672/vhost"),
        arguments("redis://:r3d1s-pw@cache:6379/0", "redis://:[REDACTED:secret]@cache:6379/0"),
        arguments("https://bob:p@ss@w0rd@example.com/x", "https://bob:[REDACTED:secret]/x"),
        arguments("mongodb+srv://u:pw123@cluster0.mongodb.net", "mongodb+srv://u:[REDACTED:email]"),
        arguments("jdbc:oracle:thin:scott/tiger@//db:1521/XE", "jdbc:oracle:thin:scott/[REDACTED:secret]@//db:1521/XE"));
  }

  static Stream<String> notUrls() {
    return Stream.of("https://example.com/path?a=b", "ftp://anonymous@ftp-host/pub", "see http://x.io/a:b@c",
        "jdbc:oracle:thin:@//db:1521/XE", "meeting at 10:30@room");
  }

  static Stream<Arguments> nationalIds() {
    return Stream.of(
        arguments("my ssn 123-45-6789 thanks", "my ssn [REDACTED:ssn] thanks"),
        arguments("SSN: 078-05-1120.", "SSN: [REDACTED:ssn]."),
        arguments("id 219 09 9999 on file", "id [REDACTED:ssn] on file"),
        arguments("IBAN DE89370400440532013000 please", "IBAN [REDACTED:iban] please"),
        arguments("pay to GB82 WEST 1234 5698 7654 32 today", "pay to [REDACTED:iban] today"),
        arguments("FR1420041010050500013M02606", "[REDACTED:iban]"),
        arguments("NL91ABNA0417164300.", "[REDACTED:iban]."));
  }

  static Stream<String> notNationalIds() {
    return Stream.of("2024-01-15", "on 2024-01-15 at 10:30", "call 555-123-4567", "000-12-3456", "666-12-3456",
        "900-12-3456", "123-00-4567", "123-45-0000", "v1.123-45-6789", "123-45-67890", "DE89370400440532013001",
        "GB82 WEST 1234 5698 7654 33", "ABCD1234EFGH5678IJ", "ISO 8601 date", "meeting at 10:30");
  }

  static Stream<Arguments> phonesAndKeys() {
    return Stream.of(
        arguments("call +1 555 123 4567", "call [REDACTED:phone]"),
        arguments("call me on +44 20 7946 0958.", "call me on [REDACTED:phone]."),
        arguments("us +1 (415) 555-2671", "us [REDACTED:phone]"),
        arguments("berlin +49-30-901820 ok", "berlin [REDACTED:phone] ok"),
        arguments("paris +33.1.23.45.67.89", "paris [REDACTED:phone]"),
        arguments("key -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY----- done",
            "key [REDACTED:private-key] done"),
        arguments("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA", "[REDACTED:private-key]"));
  }

  static Stream<String> notPhonesOrKeys() {
    return Stream.of("1+1=2", "UTC+05:30", "2024-01-15T10:30:45+01:00", "+5 points", "C++ and a+b", "+123 4567",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "order 1234 5678");
  }

  @ParameterizedTest
  @MethodSource({"emails", "passphrases", "urls", "nationalIds", "phonesAndKeys"})
  void redacts(String input, String expected) {
    String once = redactor.redact(input);
    assertThat(once).isEqualTo(expected);
    assertThat(redactor.redact(once)).as("a redacted text passes unchanged").isSameAs(once);
  }

  @ParameterizedTest
  @MethodSource({"notEmails", "notPassphrases", "notUrls", "notNationalIds", "notPhonesOrKeys"})
  void leavesLookAlikesAlone(String input) {
    assertThat(redactor.redact(input)).isSameAs(input);
  }
}
