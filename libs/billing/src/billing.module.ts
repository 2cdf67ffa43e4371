import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '@crm/queue';
import { AccountController } from './account.controller';
import { AccountRepository } from './account.repository';
import { AccountService } from './account.service';
import { ArrearsController } from './arrears.controller';
import { ArrearsRepository } from './arrears.repository';
import { ArrearsService } from './arrears.service';
import { BillController } from './bill.controller';
import { BillRepository } from './bill.repository';
import { BillService } from './bill.service';
import { BillingEntities } from './billing.entities';
import { ArrearsFactsProducer, CustomerRevenueBandFactsProducer, SubscriptionRevenueFactsProducer, UsagePatternFactsProducer } from './billing-facts.producer';
import { BillingQueueService } from './billing-queue.service';
import { ConsumptionController } from './consumption.controller';
import { ConsumptionRepository } from './consumption.repository';
import { ConsumptionService } from './consumption.service';
import { DunningTaskController } from './dunning-task.controller';
import { DunningRepository } from './dunning.repository';
import { DunningService } from './dunning.service';
import { PartitionRepository } from './partition.repository';
import { PartitionService } from './partition.service';
import { PaymentController } from './payment.controller';
import { PaymentRepository } from './payment.repository';
import { PaymentService } from './payment.service';
import { UsageController } from './usage.controller';
import { UsageImportService } from './usage-import.service';
import { UsageRepository } from './usage.repository';
import { UsageService } from './usage.service';

/**
 * 賬戶、消費信息、欠費 (city): billing accounts, usage, bills, payments and balances, arrears and
 * dunning, and the `usage` import target. Jobs run in BillingWorkerModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature(BillingEntities), BullModule.registerQueue({ name: QueueName.BillingMaintenance })],
  controllers: [AccountController, BillController, PaymentController, UsageController, ConsumptionController, ArrearsController, DunningTaskController],
  providers: [
    AccountRepository,
    AccountService,
    ArrearsRepository,
    ArrearsService,
    BillRepository,
    BillService,
    BillingQueueService,
    ConsumptionRepository,
    ConsumptionService,
    DunningRepository,
    DunningService,
    PartitionRepository,
    PartitionService,
    PaymentRepository,
    PaymentService,
    UsageImportService,
    UsageRepository,
    UsageService,
    SubscriptionRevenueFactsProducer,
    ArrearsFactsProducer,
    CustomerRevenueBandFactsProducer,
    UsagePatternFactsProducer,
  ],
  exports: [AccountService, ConsumptionService, PaymentService, ArrearsService, DunningService, PartitionService, UsageImportService, BullModule],
})
export class BillingModule {}
