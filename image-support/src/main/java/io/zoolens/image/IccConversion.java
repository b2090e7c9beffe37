package io.zoolens.image;

import com.twelvemonkeys.imageio.color.ColorProfiles;
import com.twelvemonkeys.imageio.color.ColorSpaces;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Brings pixels a decoder produced without colour management (libjpeg) to sRGB by the image's embedded ICC
 * profile, as ImageIO's JPEG reader does: Adobe RGB or Display P3 photos would otherwise come out dull or shifted.
 * TwelveMonkeys reads the profile (it repairs what some cameras write wrongly); the JDK's colour engine converts.
 *
 * <p>Building a colour transform costs more than converting a photo with it, and photos carry few distinct
 * profiles (sRGB, Display P3, Adobe RGB), so the conversion for each profile seen is kept, up to
 * {@link #PROFILES_KEPT}. Thread-safe: the JDK builds a shared {@code ColorConvertOp}'s transform once and converts
 * concurrently with it.
 */
final class IccConversion {

    /** More distinct profiles than this and the kept ones are dropped: a bound, not an eviction policy. */
    static final int PROFILES_KEPT = 32;

    /**
     * Larger profiles are left to ImageIO and never kept, so what is kept stays under 2 MiB whatever uploads carry.
     * Photo profiles are small (sRGB about 3 KiB, Display P3 and Adobe RGB under 1 KiB).
     */
    static final int MAX_PROFILE_BYTES = 64 * 1024;

    private static final int RED = 0xFF0000;
    private static final int GREEN = 0xFF00;
    private static final int BLUE = 0xFF;

    /** Per profile's bytes: its conversion, none for sRGB, or the reason it cannot be used. */
    private final Map<ByteBuffer, Conversion> conversions = new ConcurrentHashMap<>();

    /**
     * The conversion of {@code TYPE_INT_RGB} pixels read as being in the profile's colour space to sRGB; the
     * identity when the profile is sRGB. Asked for before any pixel is decoded, so a refused profile costs no decode.
     *
     * @throws IllegalArgumentException when the bytes are not a usable RGB profile or are over {@link
     *     #MAX_PROFILE_BYTES} (the caller then lets ImageIO decode, which applies or ignores the profile as it always
     *     did)
     */
    UnaryOperator<BufferedImage> toSrgb(byte[] profileData) {
        if (profileData.length > MAX_PROFILE_BYTES) {
            throw new IllegalArgumentException("ICC profile of " + profileData.length + " bytes");
        }
        if (conversions.size() >= PROFILES_KEPT) {
            conversions.clear();
        }
        Conversion conversion = conversions.computeIfAbsent(ByteBuffer.wrap(profileData), key -> of(profileData));
        if (conversion.refusal() != null) {
            throw new IllegalArgumentException(conversion.refusal());
        }
        return conversion.op() == null ? UnaryOperator.identity() : conversion::apply;
    }

    /** How many profiles' conversions (or refusals) are kept now. */
    int profilesKept() {
        return conversions.size();
    }

    private static Conversion of(byte[] profileData) {
        ICC_Profile profile;
        try {
            profile = ColorProfiles.createProfile(profileData);
        } catch (IllegalArgumentException e) {
            return Conversion.refused("unreadable ICC profile: " + e.getMessage());
        }
        if (profile.getColorSpaceType() != ColorSpace.TYPE_RGB) {
            return Conversion.refused("not an RGB ICC profile");
        }
        if (ColorProfiles.isCS_sRGB(profile)) {
            return Conversion.NONE;
        }
        ICC_ColorSpace space = ColorSpaces.createColorSpace(profile);
        Conversion conversion = new Conversion(
                space, new ColorConvertOp(space, ColorSpace.getInstance(ColorSpace.CS_sRGB), null), null);
        // Many "sRGB IEC61966-2.1" profiles are not byte-equal to the JDK's; converting by them changes nothing.
        return conversion.movesAnyColour() ? conversion : Conversion.NONE;
    }

    /** A profile's conversion: its colour space and op (both null for sRGB), or why it cannot be used. */
    private record Conversion(ICC_ColorSpace space, ColorConvertOp op, String refusal) {

        static final Conversion NONE = new Conversion(null, null, null);

        static Conversion refused(String reason) {
            return new Conversion(null, null, reason);
        }

        /** The pixels converted to sRGB: the same ints, tagged with the profile's colour space, no copy of them. */
        BufferedImage apply(BufferedImage rgb) {
            var model = new DirectColorModel(space, 24, RED, GREEN, BLUE, 0, false, DataBuffer.TYPE_INT);
            BufferedImage tagged = new BufferedImage(model, rgb.getRaster(), false, null);
            BufferedImage srgb = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
            op.filter(tagged, srgb);
            return srgb;
        }

        /** Whether converting moves any colour of a 16-level grid of the cube by more than one level. */
        boolean movesAnyColour() {
            int side = 16;
            BufferedImage grid = new BufferedImage(side * side, side, BufferedImage.TYPE_INT_RGB);
            for (int r = 0; r < side; r++) {
                for (int g = 0; g < side; g++) {
                    for (int b = 0; b < side; b++) {
                        grid.setRGB(r * side + g, b, level(r) << 16 | level(g) << 8 | level(b));
                    }
                }
            }
            BufferedImage converted = apply(grid);
            for (int y = 0; y < grid.getHeight(); y++) {
                for (int x = 0; x < grid.getWidth(); x++) {
                    int before = grid.getRGB(x, y);
                    int after = converted.getRGB(x, y);
                    for (int shift = 0; shift < 24; shift += 8) {
                        if (Math.abs((before >> shift & 0xFF) - (after >> shift & 0xFF)) > 1) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private static int level(int step) {
            return step * 17; // 0, 17, ..., 255
        }
    }
}
