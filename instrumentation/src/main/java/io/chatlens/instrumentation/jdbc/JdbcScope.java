package io.chatlens.instrumentation.jdbc;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.weaving.WeavingScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Every JDBC driver and pool, with no configuration: implementations of Statement, PreparedStatement and
 * CallableStatement ({@code execute*}), Connection ({@code prepareStatement}, {@code prepareCall},
 * {@code close}), Driver ({@code connect}) and DataSource ({@code getConnection}). Found by their direct
 * supertypes only, never by a hierarchy scan of every class.
 */
public final class JdbcScope implements WeavingScope {

  public static final String EXECUTE = "execute";
  public static final String PREPARE = "prepare";
  public static final String CLOSE = "close";
  public static final String CONNECT = "connect";
  public static final String ACQUIRE = "acquire";

  static final String STATEMENT = "java/sql/Statement";
  static final String PREPARED = "java/sql/PreparedStatement";
  static final String CALLABLE = "java/sql/CallableStatement";
  static final String CONNECTION = "java/sql/Connection";
  static final String DRIVER = "java/sql/Driver";
  static final String DATA_SOURCE = "javax/sql/DataSource";

  private static final Set<String> EXECUTE_METHODS = Set.of("execute", "executeQuery", "executeUpdate",
      "executeLargeUpdate", "executeBatch", "executeLargeBatch");

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public Component component() {
    return Component.JDBC;
  }

  @Override
  public boolean includesLibraries() {
    return true;
  }

  @Override
  public boolean matchesClassName(String binaryName) {
    return false;
  }

  @Override
  public Set<String> rootTypes() {
    return Set.of(STATEMENT, PREPARED, CALLABLE, CONNECTION, DRIVER, DATA_SOURCE);
  }

  @Override
  public Set<String> rootSimpleNames() {
    return Set.of();
  }

  @Override
  public List<Choice> choose(TypeDescription type, String root) {
    List<Choice> choices = new ArrayList<>();
    if (root == null || type.isInterface()) {
      return choices;
    }
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (!method.isPublic() || method.isStatic() || method.isConstructor() || !WeavingScope.weavable(method)) {
        continue;
      }
      String name = method.getName();
      int parameters = method.getParameters().size();
      String role = switch (root) {
        case STATEMENT, PREPARED, CALLABLE -> EXECUTE_METHODS.contains(name) ? EXECUTE : null;
        case CONNECTION -> (name.equals("prepareStatement") || name.equals("prepareCall")) && parameters >= 1
            ? PREPARE : name.equals("close") && parameters == 0 ? CLOSE : null;
        case DRIVER -> name.equals("connect") && parameters == 2 ? CONNECT : null;
        case DATA_SOURCE -> name.equals("getConnection") ? ACQUIRE : null;
        default -> null;
      };
      if (role != null) {
        choices.add(new Choice(method, role));
      }
    }
    return choices;
  }
}
