package dev.wasmworkers.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The top-level sections of a WebAssembly component binary that tell what it is made of:
 * its embedded core modules and how many nested components it has.
 *
 * <p>
 * A component starts with the magic {@code \0asm}, a version and the layer {@code 1} (a
 * core module has layer {@code 0}); then come sections, each an id byte, a LEB128 size
 * and that many bytes. Section 1 holds one whole core module, section 4 one nested
 * component; the others (types, imports, instances, aliases, canonical functions,
 * exports) are skipped.
 */
final class ComponentBinary {

	/** The binary version of the component model's standard encoding. */
	static final int STANDARD_VERSION = 0x0d;

	private static final byte[] MAGIC = { 0x00, 0x61, 0x73, 0x6d };

	private static final int CORE_MODULE_SECTION = 1;

	private static final int COMPONENT_SECTION = 4;

	private final List<byte[]> coreModules;

	private final int nestedComponents;

	private ComponentBinary(List<byte[]> coreModules, int nestedComponents) {
		this.coreModules = coreModules;
		this.nestedComponents = nestedComponents;
	}

	/**
	 * Whether the bytes start like a component (the magic and layer {@code 1}), whatever
	 * their version.
	 */
	static boolean isComponent(byte[] bytes) {
		return bytes.length >= BinarySections.PREAMBLE_LENGTH
				&& Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length) && bytes[6] == 0x01
				&& bytes[7] == 0x00;
	}

	/** The binary version of a component, from its preamble. */
	static int version(byte[] component) {
		return (component[4] & 0xff) | (component[5] & 0xff) << 8;
	}

	/**
	 * Reads the top-level sections of a component in the standard encoding.
	 * @throws IllegalArgumentException when a section runs past the end of the bytes or
	 * its size is not a valid LEB128 number, with the offset
	 */
	static ComponentBinary read(byte[] component) {
		List<byte[]> modules = new ArrayList<>();
		int nested = 0;
		for (BinarySections.Section section : BinarySections.of(component)) {
			if (section.id() == CORE_MODULE_SECTION) {
				modules.add(Arrays.copyOfRange(component, section.contentStart(), section.end()));
			}
			else if (section.id() == COMPONENT_SECTION) {
				nested++;
			}
		}
		return new ComponentBinary(List.copyOf(modules), nested);
	}

	/** The core modules embedded at the top level, in their order in the binary. */
	List<byte[]> coreModules() {
		return this.coreModules;
	}

	/** How many components are nested at the top level. */
	int nestedComponents() {
		return this.nestedComponents;
	}

}
