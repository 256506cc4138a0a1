package ai.asterai.protocol.wit.model;

import java.util.List;

/**
 * A WIT value type as written in a parameter, result, field or alias. Anonymous types are structural
 * values; named types are referenced through {@link TypeRef}.
 *
 * <p>A bare resource name in a value position means an owned handle, so the resolver normalizes it to
 * {@link OwnHandle}; only the direct target of a {@code type x = y} alias keeps the {@link Named} form.
 */
public sealed interface WitType permits WitType.Primitive, WitType.Named, WitType.ListType, WitType.FixedListType,
        WitType.MapType, WitType.OptionType, WitType.ResultType, WitType.TupleType, WitType.OwnHandle,
        WitType.BorrowHandle, WitType.FutureType, WitType.StreamType {

    enum Primitive implements WitType {
        BOOL("bool"), S8("s8"), S16("s16"), S32("s32"), S64("s64"), U8("u8"), U16("u16"), U32("u32"), U64("u64"),
        F32("f32"), F64("f64"), CHAR("char"), STRING("string"), ERROR_CONTEXT("error-context");

        private final String wit;

        Primitive(String wit) {
            this.wit = wit;
        }

        /** The WIT keyword of this type. */
        public String wit() {
            return wit;
        }
    }

    /** A named type (record, variant, alias, resource, ...) defined elsewhere. */
    record Named(TypeRef ref) implements WitType {
    }

    record ListType(WitType element) implements WitType {
    }

    /** {@code list<T, N>}. */
    record FixedListType(WitType element, long size) implements WitType {
    }

    /** {@code map<K, V>}; the key is a primitive other than a float. */
    record MapType(WitType key, WitType value) implements WitType {
    }

    record OptionType(WitType inner) implements WitType {
    }

    /** {@code result<ok, err>}; either side is null when absent ({@code _} or omitted). */
    record ResultType(WitType ok, WitType err) implements WitType {
    }

    record TupleType(List<WitType> types) implements WitType {
        public TupleType {
            types = List.copyOf(types);
        }
    }

    /** {@code own<R>} (or a bare resource name in a value position). */
    record OwnHandle(TypeRef resource) implements WitType {
    }

    /** {@code borrow<R>}. */
    record BorrowHandle(TypeRef resource) implements WitType {
    }

    /** {@code future<T>}; {@code inner} is null for a bare {@code future}. */
    record FutureType(WitType inner) implements WitType {
    }

    /** {@code stream<T>}; {@code inner} is null for a bare {@code stream}. */
    record StreamType(WitType inner) implements WitType {
    }
}
