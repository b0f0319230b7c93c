package com.numbering.alerts;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code dispatchAlertsStep}'s work, stoppable: {@code JobOperator.stop} (the graceful stop on SIGTERM) tells the
 * dispatcher to claim and send nothing more. Sends under way finish and are recorded; claimed alerts go back to the
 * queue; no alert is left {@code sending} by a stop, so none turns {@code unknown} for it.
 */
@Component
class DispatchAlertsTasklet implements StoppableTasklet {

    private final AlertDispatcher dispatcher;

    private final AtomicBoolean stopping = new AtomicBoolean();

    /** The run budget, counted from the job's start like the delivery check's (numbering.alerts.run-budget). */
    private final Duration budget;

    DispatchAlertsTasklet(AlertDispatcher dispatcher, AlertsProperties properties) {
        this.dispatcher = dispatcher;
        this.budget = properties.runBudget();
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        this.stopping.set(false);
        Duration left = RunBudget.leftOf(this.budget, contribution.getStepExecution().getJobExecution().getStartTime());
        this.dispatcher.dispatch(this.stopping::get, left).forEach((outcome, count) -> {
            if (outcome == AlertOutcome.SENT) {
                contribution.incrementWriteCount(count);
            }
            contribution.getStepExecution().getExecutionContext().putInt(outcome.label(), count);
        });
        return RepeatStatus.FINISHED;
    }

    @Override
    public void stop(StepExecution stepExecution) {
        stop();
    }

    @Override
    public void stop() {
        this.stopping.set(true);
    }

}
