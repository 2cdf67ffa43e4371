import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';

/** The dashboard page of every tier (HQ, province, city) at `/dashboard`. */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
