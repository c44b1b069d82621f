package io.polyshop.sessions;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the DynamoDB operations a piece of code makes on the calling thread (the stream
 * consumer shares the client on its own thread and is not counted).
 */
public class DynamoDbCalls implements ExecutionInterceptor {

	private final ThreadLocal<List<String>> recording = new ThreadLocal<>();

	public List<String> during(Runnable work) {
		List<String> operations = new ArrayList<>();
		this.recording.set(operations);
		try {
			work.run();
		}
		finally {
			this.recording.remove();
		}
		return operations;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		List<String> operations = this.recording.get();
		if (operations != null) {
			operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
		}
	}

}
