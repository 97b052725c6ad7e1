/**
 * The value rules of SPEC.md as pure functions: {@link toothbrush.ingest.domain.rules.NumberSyntax}
 * (B4-B6 syntax, L4 whitespace), {@link toothbrush.ingest.domain.rules.Limits} and the reasons of rejection.
 */
package toothbrush.ingest.domain.rules;
