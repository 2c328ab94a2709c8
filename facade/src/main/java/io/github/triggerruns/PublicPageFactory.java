package io.github.triggerruns;

import com.google.gson.JsonElement;
import io.github.triggerruns.generated.model.ListRunItem;
import io.github.triggerruns.internal.paging.PageFactory;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The one way internal code makes runs and pages: {@link TriggerRuns.Builder#build()} passes it in. */
final class PublicPageFactory implements PageFactory {
  static final PageFactory INSTANCE = new PublicPageFactory();

  private PublicPageFactory() {}

  @Override
  public Run run(ListRunItem item, Map<String, JsonElement> additionalFields) {
    return new Run(item, additionalFields);
  }

  @Override
  public Page<Run> page(List<Run> runs, @Nullable String nextCursor, @Nullable String previousCursor,
      PageRequest request, Function<PageRequest, Page<Run>> neighbours) {
    return new Page<>(runs, nextCursor, previousCursor, request, neighbours);
  }
}
