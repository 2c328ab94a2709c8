package io.github.triggerruns.internal.paging;

import com.google.gson.JsonElement;
import io.github.triggerruns.Page;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Run;
import io.github.triggerruns.generated.model.ListRunItem;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Makes the public {@link Run} and {@link Page}, whose constructors are not public (so that no generated
 * type reaches the public API). Only the public package can call them: it implements this interface and
 * hands the implementation to {@link PageFetcher}.
 */
public interface PageFactory {
  /** A run of the decoded {@code item}; {@code additionalFields} is immutable and is kept as is. */
  Run run(ListRunItem item, Map<String, JsonElement> additionalFields);

  /** A page of {@code runs}, newest first; {@code neighbours} fetches the page a request names. */
  Page<Run> page(List<Run> runs, @Nullable String nextCursor, @Nullable String previousCursor,
      PageRequest request, Function<PageRequest, Page<Run>> neighbours);
}
