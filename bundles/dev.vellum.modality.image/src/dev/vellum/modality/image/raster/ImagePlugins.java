package dev.vellum.modality.image.raster;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * Makes ImageIO see the reader plugins that ship as separate bundles. ImageIO finds plugins with
 * {@code ServiceLoader} on the class path, which under OSGi does not see other bundles, so the
 * providers are registered by hand once; on a plain class path the registration is harmless.
 */
final class ImagePlugins {
    private static volatile boolean registered;

    private ImagePlugins() {
    }

    static void register() {
        if (registered) {
            return;
        }
        synchronized (ImagePlugins.class) {
            if (!registered) {
                IIORegistry registry = IIORegistry.getDefaultInstance();
                if (registry.getServiceProviderByClass(WebPImageReaderSpi.class) == null) {
                    registry.registerServiceProvider(new WebPImageReaderSpi(), ImageReaderSpi.class);
                }
                registered = true;
            }
        }
    }
}
