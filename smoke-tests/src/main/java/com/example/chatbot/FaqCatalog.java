package com.example.chatbot;

import java.util.List;

/** The FAQ entries the demo database is seeded with: the help center of the fictional product Acme Cloud. */
final class FaqCatalog {

  private static final List<FaqEntry> ENTRIES = List.of(
      new FaqEntry(1, "How do I create an Acme Cloud account?",
          "Go to acme.cloud/signup, enter your work e-mail address and choose a password. We send a confirmation link "
              + "that is valid for 24 hours.",
          "account signup register create new"),
      new FaqEntry(2, "How do I reset my password?",
          "Click 'Forgot password' on the sign-in page and enter your e-mail address. The reset link we send is valid "
              + "for 30 minutes; request a new one if it has expired.",
          "password reset forgot login sign-in recover"),
      new FaqEntry(3, "How do I change my password?",
          "Open Settings > Security > Password, enter your current password and then the new one twice. Other devices "
              + "are signed out automatically.",
          "password change security settings"),
      new FaqEntry(4, "Why is my account locked?",
          "After 10 failed sign-in attempts the account is locked for 15 minutes. Reset your password to unlock it "
              + "right away.",
          "account locked login attempts blocked"),
      new FaqEntry(5, "How do I enable two-factor authentication (2FA)?",
          "Open Settings > Security > Two-factor authentication, scan the QR code with an authenticator app and confirm "
              + "with a six-digit code. Store the recovery codes somewhere safe.",
          "2fa two-factor authentication security mfa otp"),
      new FaqEntry(6, "I lost my 2FA device. How do I recover my account?",
          "Sign in with one of your recovery codes and register a new device. Without recovery codes, contact support "
              + "with a photo ID to verify your identity.",
          "2fa recovery codes lost device phone authentication"),
      new FaqEntry(7, "How do I update my billing details?",
          "Account owners can change the card, billing address and VAT number under Billing > Payment details. Changes "
              + "apply to the next invoice.",
          "billing payment card update address vat details"),
      new FaqEntry(8, "Which payment methods do you accept?",
          "We accept Visa, Mastercard, American Express, SEPA direct debit and, for annual plans, bank transfer against "
              + "invoice.",
          "billing payment methods card paypal transfer"),
      new FaqEntry(9, "Where can I download my invoices?",
          "All invoices are listed under Billing > Invoices as PDF. They are also sent to the billing e-mail address.",
          "billing invoice invoices receipt download pdf"),
      new FaqEntry(10, "What is your refund policy?",
          "Monthly plans can be cancelled at any time without refund of the current month. Annual plans are refunded "
              + "pro rata within the first 30 days.",
          "refund policy money back cancel billing"),
      new FaqEntry(11, "How long does a refund take?",
          "Refunds are issued within 2 business days; your bank may need another 5 to 10 days to show them.",
          "refund processing time duration bank"),
      new FaqEntry(12, "How do I cancel my subscription?",
          "Go to Billing > Plan and click 'Cancel subscription'. Your workspace stays available until the end of the "
              + "paid period.",
          "cancel subscription plan billing stop"),
      new FaqEntry(13, "How do I upgrade or downgrade my plan?",
          "Choose a new plan under Billing > Plan. Upgrades apply immediately and are prorated; downgrades take effect "
              + "at the next renewal.",
          "plan upgrade downgrade pricing subscription change"),
      new FaqEntry(14, "How long does shipping take for hardware orders?",
          "Edge appliances ship within 3 business days. Delivery takes 2 to 5 days in the EU and the US.",
          "shipping delivery hardware order time appliance"),
      new FaqEntry(15, "How can I track my order?",
          "You receive a tracking link by e-mail as soon as the parcel leaves our warehouse. It is also shown under "
              + "Orders.",
          "shipping tracking track order delivery parcel"),
      new FaqEntry(16, "Do you ship internationally?",
          "We ship hardware to 40 countries. Import duties and customs fees outside the EU are paid by the recipient.",
          "shipping international customs countries"),
      new FaqEntry(17, "How do I create an API key?",
          "Open Settings > Developer > API keys and click 'New key'. The secret is shown only once, so copy it into "
              + "your secret store immediately.",
          "api key keys token developer create"),
      new FaqEntry(18, "How do I rotate or revoke an API key?",
          "Create a second key, deploy it, then revoke the old key under Settings > Developer > API keys. Revoked keys "
              + "stop working within a minute.",
          "api key keys rotate revoke security token"),
      new FaqEntry(19, "What are the API rate limits?",
          "Each API key may send 100 requests per second with bursts of 500. Responses include X-RateLimit headers.",
          "api rate limit limits quota throttling"),
      new FaqEntry(20, "How do I export my data?",
          "Go to Settings > Data > Export and choose JSON or CSV. Large exports are prepared in the background and you "
              + "get a download link by e-mail.",
          "data export download backup gdpr copy"),
      new FaqEntry(21, "How do I delete my account?",
          "The account owner can delete the workspace under Settings > Danger zone. Data is erased after a 14-day "
              + "grace period.",
          "account delete close remove gdpr"),
      new FaqEntry(22, "How do I invite team members?",
          "Admins can invite people under Team > Invite. Invitations expire after 7 days and can be resent.",
          "team invite members users roles colleagues"),
      new FaqEntry(23, "How do I change my e-mail address?",
          "Open Profile > E-mail, enter the new address and confirm the link we send to it. Your sign-in name changes "
              + "too.",
          "email e-mail change account profile address"),
      new FaqEntry(24, "Where is my data stored?",
          "Workspaces are hosted in the region chosen at sign-up: Frankfurt, Dublin or Virginia. Backups stay in the "
              + "same region.",
          "data region storage privacy gdpr location"),
      new FaqEntry(25, "How do I contact support?",
          "Use the chat in the help center or write to support@acme.cloud. Business plans get a response within 4 "
              + "hours.",
          "support contact help ticket agent"));

  private FaqCatalog() {}

  /** All seed entries, ordered by id. */
  static List<FaqEntry> entries() {
    return ENTRIES;
  }
}
