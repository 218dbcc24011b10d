/// One training run of a NAS-Bench-101 cell as the tfrecord stores it: nasbench's
/// `ModelMetrics` protobuf, decoded by hand.
///
/// ```swift
/// let metrics = try NB101ModelMetrics(protobuf: Array(Data(base64Encoded: raw)!))
/// metrics.evaluations[2].validationAccuracy   // final; [1] is halfway, [0] step 0
/// ```
///
/// Field numbers from google-research/nasbench `nasbench/lib/model_metrics.proto`
/// (proto2): `ModelMetrics { repeated EvaluationData evaluation_data = 1; optional int32
/// trainable_parameters = 2; optional double total_time = 3; }` and `EvaluationData {
/// double current_epoch = 1; double training_time = 2; double train_accuracy = 3; double
/// validation_accuracy = 4; double test_accuracy = 5; string checkpoint_path = 6; }`.
/// ALGORITHMS.md §4.1: `evaluation_data[1]` is the halfway point, `[2]` the end of training.
/// Absent optional fields read as proto2's default, 0, as nasbench's Python sees them.
public struct NB101ModelMetrics: Sendable, Equatable {
    public struct EvaluationData: Sendable, Equatable {
        public var currentEpoch: Double = 0
        /// Seconds of training up to this point, evaluation excluded.
        public var trainingTime: Double = 0
        public var trainAccuracy: Double = 0
        public var validationAccuracy: Double = 0
        public var testAccuracy: Double = 0
        public var checkpointPath: String = ""

        public init(currentEpoch: Double = 0, trainingTime: Double = 0, trainAccuracy: Double = 0,
                    validationAccuracy: Double = 0, testAccuracy: Double = 0, checkpointPath: String = "") {
            self.currentEpoch = currentEpoch; self.trainingTime = trainingTime; self.trainAccuracy = trainAccuracy
            self.validationAccuracy = validationAccuracy; self.testAccuracy = testAccuracy; self.checkpointPath = checkpointPath
        }
    }

    public var evaluations: [EvaluationData] = []
    public var trainableParameters: Int32 = 0
    /// Training plus evaluation seconds (diagnostic, per the proto's comment).
    public var totalTime: Double = 0

    public init(evaluations: [EvaluationData], trainableParameters: Int32, totalTime: Double) {
        self.evaluations = evaluations; self.trainableParameters = trainableParameters; self.totalTime = totalTime
    }

    /// Decodes the serialized message; unknown fields are skipped.
    ///
    /// - Throws: a one-line description of what is malformed.
    /// - Complexity: O(n) in the message size.
    public init(protobuf bytes: [UInt8]) throws(NB101RecordError) {
        var reader = ProtobufWireReader(bytes)
        do {
            while let (field, wire) = try reader.nextKey() {
                switch (field, wire) {
                case (1, 2):
                    let range = try reader.lengthDelimited()
                    evaluations.append(try Self.evaluationData(reader.slice(range)))
                case (2, 0): trainableParameters = Int32(truncatingIfNeeded: try reader.varint())
                case (3, 1): totalTime = try reader.double()
                default: try reader.skip(wire: wire)
                }
            }
        } catch {
            throw NB101RecordError("ModelMetrics protobuf is malformed (\(error))")
        }
    }

    private static func evaluationData(_ reader: ProtobufWireReader) throws(ProtobufWireReader.Failure) -> EvaluationData {
        var reader = reader
        var e = EvaluationData()
        while let (field, wire) = try reader.nextKey() {
            switch (field, wire) {
            case (1, 1): e.currentEpoch = try reader.double()
            case (2, 1): e.trainingTime = try reader.double()
            case (3, 1): e.trainAccuracy = try reader.double()
            case (4, 1): e.validationAccuracy = try reader.double()
            case (5, 1): e.testAccuracy = try reader.double()
            case (6, 2): e.checkpointPath = reader.string(try reader.lengthDelimited())
            default: try reader.skip(wire: wire)
            }
        }
        return e
    }

    /// The serialized message, fields in number order as protoc writes them.
    public func protobufEncoded() -> [UInt8] {
        var w = ProtobufWireWriter()
        for e in evaluations {
            var inner = ProtobufWireWriter()
            inner.double(1, e.currentEpoch)
            inner.double(2, e.trainingTime)
            inner.double(3, e.trainAccuracy)
            inner.double(4, e.validationAccuracy)
            inner.double(5, e.testAccuracy)
            if !e.checkpointPath.isEmpty { inner.bytes(6, Array(e.checkpointPath.utf8)) }
            w.bytes(1, inner.bytes)
        }
        w.int32(2, trainableParameters)
        w.double(3, totalTime)
        return w.bytes
    }
}

/// A NAS-Bench-101 record that cannot be read; the importer adds the file and byte offset.
public struct NB101RecordError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
