package dev.wasmworkers.engine.python;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import io.trino.wasm.python.PythonMachine;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime's machine classes were compiled by Chicory's build-time compiler of another
 * Chicory version than ours (1.7.2 for {@code trino-wasm-python} 3.13-6): every Chicory
 * class, method, constructor and field they reference must exist in the Chicory on our
 * class path, with the same descriptor, or a request would fail with a
 * {@code NoSuchMethodError} deep inside CPython. Repeat on every upgrade of either.
 */
class ChicoryReferencesTests {

	private static final String CHICORY = "com/dylibso/chicory/";

	@Test
	void everyChicoryClassAndMemberTheMachineClassesReferenceExists() throws IOException {
		References references = new References();
		int classes = 0;
		try (JarFile jar = runtimeJar()) {
			for (JarEntry entry : jar.stream().toList()) {
				if (entry.getName().endsWith(".class")) {
					try (InputStream in = jar.getInputStream(entry)) {
						new ClassReader(in).accept(references, ClassReader.SKIP_FRAMES);
					}
					classes++;
				}
			}
		}
		List<String> missing = new ArrayList<>();
		references.classes.forEach((name) -> {
			if (load(name) == null) {
				missing.add("class " + name);
			}
		});
		references.members.forEach((member) -> {
			if (!member.exists()) {
				missing.add(member.toString());
			}
		});

		assertThat(classes).as("classes read").isGreaterThan(10);
		assertThat(references.uses).as("uses of Chicory members").isGreaterThan(10_000);
		assertThat(references.members).as("Chicory members referenced").hasSizeGreaterThan(20);
		assertThat(missing).as("Chicory references missing from our Chicory version").isEmpty();
	}

	private static JarFile runtimeJar() throws IOException {
		URL machine = PythonMachine.class.getResource("PythonMachine.class");
		assertThat(machine).isNotNull();
		assertThat(machine.getProtocol()).isEqualTo("jar");
		return ((JarURLConnection) machine.openConnection()).getJarFile();
	}

	private static Class<?> load(String internalName) {
		try {
			return Class.forName(internalName.replace('/', '.'), false, ChicoryReferencesTests.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	/** Collects the Chicory classes and members a class file references. */
	private static final class References extends ClassVisitor {

		private final Set<String> classes = new TreeSet<>();

		private final Set<Member> members = new TreeSet<>();

		private int uses;

		private References() {
			super(Opcodes.ASM9);
		}

		@Override
		public void visit(int version, int access, String name, String signature, String superName,
				String[] interfaces) {
			addClass(superName);
			Arrays.stream(interfaces).forEach(this::addClass);
		}

		@Override
		public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
				String[] exceptions) {
			addDescriptor(descriptor);
			return new MethodVisitor(Opcodes.ASM9) {

				@Override
				public void visitMethodInsn(int opcode, String owner, String methodName, String methodDescriptor,
						boolean isInterface) {
					addMember(owner, methodName, methodDescriptor, false);
				}

				@Override
				public void visitFieldInsn(int opcode, String owner, String fieldName, String fieldDescriptor) {
					addMember(owner, fieldName, fieldDescriptor, true);
				}

				@Override
				public void visitTypeInsn(int opcode, String type) {
					addType(Type.getObjectType(type));
				}

				@Override
				public void visitLdcInsn(Object value) {
					if (value instanceof Type type) {
						addType(type);
					}
					else if (value instanceof Handle handle) {
						addMember(handle.getOwner(), handle.getName(), handle.getDesc(),
								handle.getTag() <= Opcodes.H_PUTSTATIC);
					}
				}

				@Override
				public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap,
						Object... arguments) {
					addDescriptor(indyDescriptor);
					for (Object argument : arguments) {
						visitLdcInsn(argument);
					}
				}

			};
		}

		private void addMember(String owner, String name, String descriptor, boolean field) {
			if (owner.startsWith(CHICORY)) {
				this.members.add(new Member(owner, name, descriptor, field));
				this.uses++;
				addClass(owner);
			}
			addDescriptor(descriptor);
		}

		private void addDescriptor(String descriptor) {
			if (descriptor.startsWith("(")) {
				Type method = Type.getMethodType(descriptor);
				addType(method.getReturnType());
				Arrays.stream(method.getArgumentTypes()).forEach(this::addType);
			}
			else {
				addType(Type.getType(descriptor));
			}
		}

		private void addType(Type type) {
			Type element = (type.getSort() == Type.ARRAY) ? type.getElementType() : type;
			if (element.getSort() == Type.OBJECT) {
				addClass(element.getInternalName());
			}
		}

		private void addClass(String internalName) {
			if (internalName != null && internalName.startsWith(CHICORY)) {
				this.classes.add(internalName);
			}
		}

	}

	/** A method, constructor or field of a Chicory class, with its descriptor. */
	private record Member(String owner, String name, String descriptor, boolean field) implements Comparable<Member> {

		boolean exists() {
			Class<?> type = load(this.owner);
			return type != null && (this.field ? hasField(type) : hasMethod(type));
		}

		private boolean hasField(Class<?> type) {
			for (Class<?> c = type; c != null; c = c.getSuperclass()) {
				for (Field candidate : c.getDeclaredFields()) {
					if (candidate.getName().equals(this.name)
							&& Type.getDescriptor(candidate.getType()).equals(this.descriptor)) {
						return true;
					}
				}
				for (Class<?> implemented : c.getInterfaces()) {
					if (hasField(implemented)) {
						return true;
					}
				}
			}
			return false;
		}

		private boolean hasMethod(Class<?> type) {
			List<Class<?>> searched = new ArrayList<>();
			collect(type, searched);
			for (Class<?> c : searched) {
				List<Executable> candidates = new ArrayList<>(Arrays.asList(c.getDeclaredMethods()));
				candidates.addAll(Arrays.asList(c.getDeclaredConstructors()));
				for (Executable candidate : candidates) {
					String candidateName = (candidate instanceof java.lang.reflect.Constructor) ? "<init>"
							: candidate.getName();
					String candidateDescriptor = (candidate instanceof java.lang.reflect.Method method)
							? Type.getMethodDescriptor(method)
							: Type.getConstructorDescriptor((java.lang.reflect.Constructor<?>) candidate);
					if (candidateName.equals(this.name) && candidateDescriptor.equals(this.descriptor)) {
						return true;
					}
				}
			}
			return false;
		}

		private static void collect(Class<?> type, List<Class<?>> searched) {
			if (type == null || searched.contains(type)) {
				return;
			}
			searched.add(type);
			collect(type.getSuperclass(), searched);
			Arrays.stream(type.getInterfaces()).forEach((implemented) -> collect(implemented, searched));
			if (type.isInterface()) {
				collect(Object.class, searched);
			}
		}

		@Override
		public int compareTo(Member other) {
			return toString().compareTo(other.toString());
		}

		@Override
		public String toString() {
			return (this.field ? "field " : "method ") + this.owner + "." + this.name + " " + this.descriptor;
		}

	}

}
