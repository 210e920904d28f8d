package io.chatlens.instrumentation.accessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessorTest {

  public record Conversation(String handle, String customer) {}

  public static final class Ticket {
    private final String conversation;
    private final Conversation owner;

    public Ticket(String conversation, Conversation owner) {
      this.conversation = conversation;
      this.owner = owner;
    }

    public String getConversation() {
      return conversation;
    }

    public Conversation getOwner() {
      return owner;
    }

    public boolean isUrgent() {
      return true;
    }
  }

  private static final class Hidden {
    @SuppressWarnings("unused")
    private final String secretField = "field value";
  }

  @Test
  void readsArgumentsReturnValuesAndThis() {
    Ticket ticket = new Ticket("conv-1", new Conversation("conv-1", "alice"));
    Object[] args = {ticket, "hello"};

    assertThat(Accessor.parse("arg1").read(null, args, null)).isEqualTo("hello");
    assertThat(Accessor.parse("arg0.conversation").read(null, args, null)).isEqualTo("conv-1");
    assertThat(Accessor.parse("arg0.owner.customer").read(null, args, null)).isEqualTo("alice");
    assertThat(Accessor.parse("arg0.urgent").read(null, args, null)).isEqualTo(true);
    assertThat(Accessor.parse("return.handle").read(null, args, new Conversation("c-9", "bob"))).isEqualTo("c-9");
    assertThat(Accessor.parse("this.customer").read(new Conversation("c", "carol"), args, null)).isEqualTo("carol");
    assertThat(Accessor.parse("return.size()").read(null, args, List.of(1, 2, 3))).isEqualTo(3);
    assertThat(Accessor.parse("return.userId").read(null, args, Map.of("userId", "u-1"))).isEqualTo("u-1");
    assertThat(Accessor.parse("arg0.secretField").read(null, new Object[] {new Hidden()}, null)).isEqualTo("field value");
  }

  @Test
  void alternativesTakeTheFirstValue() {
    Accessor accessor = Accessor.parse("return.handle | arg0.handle | arg0");

    assertThat(accessor.read(null, new Object[] {"alice"}, new Conversation("conv-1", "alice"))).isEqualTo("conv-1");
    assertThat(accessor.read(null, new Object[] {new Conversation("conv-2", "bob")}, null)).isEqualTo("conv-2");
    assertThat(accessor.read(null, new Object[] {"conv-3"}, null)).isEqualTo("conv-3");
    assertThat(accessor.readBeforeReturn(null, new Object[] {"conv-4"})).isEqualTo("conv-4");
    assertThat(accessor.needsReturnValue()).isFalse();
    assertThat(Accessor.parse("return.id").needsReturnValue()).isTrue();
  }

  @Test
  void missingValuesAreNullNeverExceptions() {
    assertThat(Accessor.parse("arg5").read(null, new Object[] {"x"}, null)).isNull();
    assertThat(Accessor.parse("arg0.nothing.here").read(null, new Object[] {"x"}, null)).isNull();
    assertThat(Accessor.parse("return.id").read(null, null, null)).isNull();
  }

  @Test
  void onlyReadOnlyCallsAreAllowed() {
    assertThatThrownBy(() -> Accessor.parse("arg0.delete()")).hasMessageContaining("not allowed");
    assertThatThrownBy(() -> Accessor.parse("session.id")).hasMessageContaining("argN, return or this");
    assertThatThrownBy(() -> Accessor.parse("arg0.x-y")).hasMessageContaining("not a property name");
    assertThat(Accessor.parse("arg0.getUser()").toString()).isEqualTo("arg0.getUser()");
  }
}
