import CLibXML2

/// The SAX2 handler karta gives libxml2: element, text and error callbacks that forward to the
/// ``XMLParseSession``, and entity callbacks that refuse the file.
///
/// Security: every entity declaration (general or parameter, internal or external) refuses the
/// file before any reference to it is parsed, so no entity is ever expanded or loaded — which
/// rules out XXE, billion laughs and quadratic blowup alike. `getEntity` answers nil, and the
/// external subset callback is left out, so no DTD is ever fetched.
enum XMLSAXHandler {
    static func make() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = startElement
        sax.endElementNs = endElement
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.comment = comment
        sax.processingInstruction = processingInstruction
        sax.entityDecl = entityDeclared
        sax.unparsedEntityDecl = unparsedEntityDeclared
        sax.getEntity = noEntity
        sax.getParameterEntity = noEntity
        sax.serror = structuredError
        return sax
    }

    @inline(__always)
    static func session(_ ctx: UnsafeMutableRawPointer?) -> XMLParseSession? {
        guard let ctx else { return nil }
        return Unmanaged<XMLParseSession>.fromOpaque(ctx).takeUnretainedValue()
    }

    static let structuredError: xmlStructuredErrorFunc = { ctx, error in
        guard let error, let session = session(ctx) else { return }
        session.take(error)
    }

    static let entityDeclared:
        @convention(c) (
            UnsafeMutableRawPointer?, UnsafePointer<xmlChar>?, Int32, UnsafePointer<xmlChar>?,
            UnsafePointer<xmlChar>?, UnsafeMutablePointer<xmlChar>?
        ) -> Void = { ctx, name, _, _, _, _ in
            let entity = name.map { String(cString: $0) } ?? "?"
            session(ctx)?.refuse(
                "the file declares entities (possible entity expansion / XXE attack): entity `\(entity)`")
        }

    static let unparsedEntityDeclared:
        @convention(c) (
            UnsafeMutableRawPointer?, UnsafePointer<xmlChar>?, UnsafePointer<xmlChar>?,
            UnsafePointer<xmlChar>?, UnsafePointer<xmlChar>?
        ) -> Void = { ctx, name, _, _, _ in
            let entity = name.map { String(cString: $0) } ?? "?"
            session(ctx)?.refuse(
                "the file declares entities (possible entity expansion / XXE attack): entity `\(entity)`")
        }

    static let noEntity: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<xmlChar>?) -> xmlEntityPtr? =
        {
            _, _ in nil
        }

    static let startElement: startElementNsSAX2Func = {
        ctx, localname, _, _, _, _, attributeCount, _, attributes in
        guard let ctx, let localname else { return }
        Unmanaged<XMLParseSession>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
            start($0, localname, Int(attributeCount), attributes)
        }
    }

    static func start(
        _ session: XMLParseSession, _ localname: UnsafePointer<xmlChar>, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard !session.failed else { return }
        if session.stack.count >= session.limits.maxDepth {
            session.refuse(
                "the elements nest deeper than \(session.limits.maxDepth) levels (limit maxDepth)")
            return
        }
        if count > 0, let attributes {
            let limit = session.limits.maxValueBytes
            for i in 0..<count {
                if let start = attributes[5 * i + 3], let end = attributes[5 * i + 4], end - start > limit {
                    session.refuse("an attribute value is larger than \(limit) bytes (limit maxValueBytes)")
                    return
                }
            }
        }
        session.textBytes = 0
        session.stack.append(localname)
        if let records = session.records {
            records.startElement(session, localname, count, attributes)
        } else if let survey = session.survey {
            survey.startElement(session, localname, count, attributes)
        }
        session.offsets.advanceToCursor(session.ctxt)
    }

    static let endElement: endElementNsSAX2Func = { ctx, _, _, _ in
        guard let ctx else { return }
        Unmanaged<XMLParseSession>.fromOpaque(ctx)._withUnsafeGuaranteedRef { end($0) }
    }

    static func end(_ session: XMLParseSession) {
        guard !session.failed, !session.stack.isEmpty else { return }
        session.textBytes = 0
        if let records = session.records {
            records.endElement(session)
        } else if let survey = session.survey {
            survey.endElement(session)
        }
        session.stack.removeLast()
        session.offsets.advanceToCursor(session.ctxt)
        session.markCursor()
    }

    static let characters: charactersSAXFunc = { ctx, text, length in
        guard let ctx, let text else { return }
        Unmanaged<XMLParseSession>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
            XMLSAXHandler.text($0, text, length)
        }
    }

    static func text(_ session: XMLParseSession, _ text: UnsafePointer<xmlChar>, _ length: Int32) {
        guard !session.failed else { return }
        session.textBytes += Int(length)
        if session.textBytes > session.limits.maxValueBytes {
            session.refuse(
                "a text node is larger than \(session.limits.maxValueBytes) bytes (limit maxValueBytes)")
            return
        }
        if let records = session.records {
            records.characters(session, text, Int(length))
        } else if let survey = session.survey {
            survey.characters(session, text, Int(length))
        }
        session.offsets.advanceToCursor(session.ctxt)
        session.markCursor()
    }

    static let comment: commentSAXFunc = { ctx, _ in
        guard let session = session(ctx) else { return }
        session.offsets.advanceToCursor(session.ctxt)
        session.markCursor()
    }

    static let processingInstruction: processingInstructionSAXFunc = { ctx, _, _ in
        guard let session = session(ctx) else { return }
        session.offsets.advanceToCursor(session.ctxt)
        session.markCursor()
    }
}
