package io.github.triggerruns;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The environment a run belongs to: its id, name ({@code dev}, {@code prod}, ...) and, in dev, its user. */
public final class RunEnvironment {
  private final String id;
  private final String name;
  private final @Nullable String user;

  /** An environment as the server describes it. */
  public RunEnvironment(String id, String name, @Nullable String user) {
    this.id = id;
    this.name = name;
    this.user = user;
  }

  /** The environment's id. */
  public String getId() {
    return id;
  }

  /** The environment's name, e.g. {@code dev} or {@code prod}. */
  public String getName() {
    return name;
  }

  /** For a dev environment, the user it belongs to; otherwise null. */
  public @Nullable String getUser() {
    return user;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RunEnvironment)) {
      return false;
    }
    RunEnvironment that = (RunEnvironment) o;
    return id.equals(that.id) && name.equals(that.name) && Objects.equals(user, that.user);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, user);
  }

  @Override
  public String toString() {
    return name + (user == null ? "" : "/" + user) + " (" + id + ")";
  }
}
