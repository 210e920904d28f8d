package io.chatlens.instrumentation.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.bootstrap.ChatLensBridge;
import io.chatlens.bootstrap.Dispatcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the dispatcher's exit itself fails, the bridge asks it to put back the thread's state, and never throws. */
class BridgeExitLostTest {

  @AfterEach
  void uninstall() {
    ChatLensBridge.install(null);
  }

  @Test
  void aFailedExitIsFollowedByTheLostExitPath() {
    List<Object> lost = new ArrayList<>();
    ChatLensBridge.install(new Dispatcher() {
      @Override
      public Object onEnter(int probeId, Object self, Object[] args) {
        return "token";
      }

      @Override
      public void onExit(Object token, Object returned, Throwable thrown) {
        throw new StackOverflowError();
      }

      @Override
      public void onExitLost(Object token) {
        lost.add(token);
      }
    });

    Object token = ChatLensBridge.enter(1, null, new Object[0]);
    ChatLensBridge.exit(token, null, null);

    assertThat(lost).containsExactly("token");
  }

  @Test
  void aSuccessfulExitNeverTakesTheLostExitPath() {
    List<Object> lost = new ArrayList<>();
    ChatLensBridge.install(new Dispatcher() {
      @Override
      public Object onEnter(int probeId, Object self, Object[] args) {
        return "token";
      }

      @Override
      public void onExit(Object token, Object returned, Throwable thrown) {}

      @Override
      public void onExitLost(Object token) {
        lost.add(token);
      }
    });

    ChatLensBridge.exit(ChatLensBridge.enter(1, null, new Object[0]), null, null);

    assertThat(lost).isEmpty();
  }
}
