import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { ProductModule } from '@crm/product';
import { AgentController, CommissionController } from './agent.controller';
import { AgentService } from './agent.service';
import { CommissionService } from './commission.service';
import { ContractController, CustomerContractController } from './contract.controller';
import { ContractService } from './contract.service';
import { OpportunityController } from './opportunity.controller';
import { OpportunityService } from './opportunity.service';
import { OrderController } from './order.controller';
import { OrderService } from './order.service';
import { SALES_CONFIG, resolveSalesConfig } from './sales.config';
import { SalesEntities } from './sales.entities';
import { SalesActivityController, SalesMethodController } from './sales-activity.controller';
import { SalesActivityService } from './sales-activity.service';
import { SalesCrudService } from './sales-crud.service';
import { PipelineFactsProducer, SalesFactsProducer } from './sales-facts.producer';
import { SalesFiguresController, SalesTargetController } from './sales-figures.controller';
import { SalesFiguresService } from './sales-figures.service';
import { SalesRecordRepository } from './sales-record.repository';
import { SalesTaskController, SalesTeamController } from './sales-task.controller';
import { SalesTaskService } from './sales-task.service';

/** 銷售 of a city: opportunities, orders, contracts, sales methods and activities, agents and commissions, teams and tasks, figures and targets. */
@Module({
  imports: [TypeOrmModule.forFeature(SalesEntities), ProductModule],
  controllers: [
    OpportunityController, OrderController, ContractController, CustomerContractController, SalesMethodController, SalesActivityController, AgentController,
    CommissionController, SalesTeamController, SalesTaskController, SalesFiguresController, SalesTargetController,
  ],
  providers: [
    { provide: SALES_CONFIG, inject: [NODE_CONFIG], useFactory: (config: NodeConfig) => resolveSalesConfig(config.settings.sales) },
    SalesRecordRepository,
    SalesCrudService,
    OpportunityService,
    OrderService,
    ContractService,
    SalesActivityService,
    AgentService,
    CommissionService,
    SalesTaskService,
    SalesFiguresService,
    SalesFactsProducer,
    PipelineFactsProducer,
  ],
  exports: [SALES_CONFIG, OpportunityService, OrderService, ContractService, AgentService, CommissionService, SalesTaskService, SalesFiguresService],
})
export class SalesModule {}
