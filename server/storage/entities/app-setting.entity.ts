import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small facts the server keeps about itself, such as whether the demo workspace was ever seeded. */
@Entity('app_setting')
export class AppSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}
