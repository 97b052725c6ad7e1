/**
 * The domain of toothbrush-ingest: pure Java, no dependencies. Events and values
 * ({@code event}, {@code rules}), the anchor clock and loss statistics ({@code alignment}) and the
 * points written ({@code point}).
 */
package toothbrush.ingest.domain;
