/**
 * The shared project model every modality plugs into: projects with their label schemas, items and
 * their assets, one annotator's annotation set per item, and the annotations themselves.
 *
 * <p>Payloads are JSON-shaped trees ({@code Map<String,Object>} of strings, numbers, booleans, lists,
 * maps and null) so that core needs no knowledge of any modality and a store can keep payloads of
 * modalities that are not installed exactly as they were.
 */
package dev.vellum.core.model;
