/**
 * The image modality's agreement units (the core SPI {@link dev.vellum.core.spi.AgreementUnits}):
 * shapes matched by IoU, keypoints by OKS, each with optimal (Hungarian) assignment, and image tags
 * as present/absent; plus the exact IoU and OKS they rest on.
 */
package dev.vellum.modality.image.agreement;
